/** The designer's checks: live preview, test cases and publication (one file each in probar/). */
export { PublicarSeccion } from './probar/Publicar.tsx';
export { PruebasSeccion } from './probar/Pruebas.tsx';
export { VistaPreviaSeccion } from './probar/VistaPrevia.tsx';
