// Spanish for the organizer's devices screen: enrolment codes and the list of enrolled phones.
export const esDevices = {
  "devices.heading": "Teléfonos del trabajo de campo",
  "devices.title": "Teléfonos inscritos",
  "devices.signedOut": "Entre como organizador para ver y dar de baja teléfonos.",
  "devices.offline": "Sin conexión con el servidor. Vuelva a intentar.",
  "devices.issue.title": "Nuevo código de inscripción",
  "devices.issue.intro":
    "Cada código inscribe un solo teléfono y vence. Dígalo en voz alta, escríbalo o muestre el código QR.",
  "devices.issue.label": "Para quién (opcional)",
  "devices.issue.label.hint": "Por ejemplo, el nombre de la persona facilitadora.",
  "devices.issue.hours": "Vence en",
  "devices.issue.hours.option": "{hours} horas",
  "devices.issue.submit": "Crear código",
  "devices.issue.code": "Código: {code}",
  "devices.issue.expires": "Vence el {when}.",
  "devices.issue.qr": "Código QR para inscribir un teléfono con el código {code}",
  "devices.issue.failed": "No se pudo crear el código. Vuelva a intentar.",
  "devices.empty": "Todavía no hay teléfonos inscritos.",
  "devices.enrolled": "Inscrito el {when} por {by}.",
  "devices.lastPush": "Último envío: {when}.",
  "devices.neverPushed": "Todavía no ha enviado nada.",
  "devices.inputs.one": "1 aporte recibido",
  "devices.inputs.other": "{count} aportes recibidos",
  "devices.quarantined.one": "1 en revisión",
  "devices.quarantined.other": "{count} en revisión",
  "devices.revoked": "Dado de baja el {when}. Lo que envíe queda en revisión.",
  "devices.revoke": "Dar de baja",
  "devices.revoke.for": "Dar de baja: {name}",
  "devices.revoke.confirm":
    "¿Dar de baja este teléfono? Lo que envíe después no se aceptará y quedará en revisión.",
  "devices.revoke.yes": "Sí, dar de baja",
  "devices.revoke.no": "No",
  "devices.unnamed": "Teléfono sin nombre",
  "devices.revoke.failed": "No se pudo dar de baja. Revise la conexión y vuelva a intentar.",
  "transfer.import.title": "Importar un archivo llevado a mano",
  "transfer.import.intro":
    "Cuando un teléfono no tiene señal por semanas, quien facilita guarda un archivo con lo que falta enviar y se lo entrega (por mensaje, cable o memoria). Súbalo aquí: cada registro se aplica una sola vez, aunque el teléfono lo envíe después.",
  "transfer.import.file": "Elegir el archivo del teléfono (.json)",
  "transfer.import.busy": "Aplicando el archivo…",
  "transfer.import.uploading": "Subiendo el archivo: {percent} %",
  "transfer.import.done":
    "Archivo aplicado. Nuevos: {applied} · ya estaban: {duplicate} · en cuarentena para revisar: {quarantined}.",
  "transfer.import.requests":
    "Solicitudes de información: {filed} registradas con su folio · ya estaban: {duplicate} · rechazadas: {refused}.",
  "transfer.import.media":
    "Grabaciones y fotos: {stored} guardadas · ya estaban: {duplicate} · rechazadas (se quedan en el teléfono): {refused}.",
  "transfer.import.unsigned":
    "La lista del archivo no lleva la firma de su teléfono: se cambió o se hizo en otra parte. Cada registro se revisó con su propia firma.",
  "transfer.import.missing":
    "Al archivo le faltan registros que su lista anuncia ({count}): llegó cortado. Pida otra copia.",
  "transfer.import.unlisted":
    "Registros que no coinciden con la lista del archivo: {count}. Se revisaron con su propia firma.",
  "transfer.import.notAFile": "Ese archivo no es un archivo de Tejido para llevar a mano, o está dañado.",
  "transfer.import.unknownDevice": "El teléfono que hizo este archivo no está inscrito en este servidor.",
  "transfer.import.revoked":
    "El teléfono que hizo este archivo fue dado de baja. Su contenido se guardó para revisarlo; no se aplicó.",
  "transfer.import.offline": "Sin conexión con el servidor: no se aplicó. Vuelva a intentar.",
  "transfer.import.failed": "No se pudo aplicar el archivo. Vuelva a intentar.",
} as const;
