/** The app's addresses (under the router's /campo): one place, so pages link without loading each other's code. */
export const rutasDeCampo = {
  lista: '/',
  registro: (id: string) => `/registro/${id}`,
  formulario: (id: string, programa: string) => `/registro/${id}/solicitud/${encodeURIComponent(programa)}`,
  listo: (id: string) => `/registro/${id}/listo`,
};
