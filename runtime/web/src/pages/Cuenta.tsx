/** The account pages: sign-up, phone confirmation, login and password recovery (one file each in cuenta/). */
export { CrearCuentaPage } from './cuenta/CrearCuenta.tsx';
export { IniciarSesionPage } from './cuenta/IniciarSesion.tsx';
export { RecuperarContrasenaPage } from './cuenta/RecuperarContrasena.tsx';
export { VerificarTelefonoPage } from './cuenta/VerificarTelefono.tsx';
