# Pathways — catálogo en español del sitio público.
# Un subconjunto de Fluent: `clave = texto`, las líneas con sangría continúan el texto, { $name } se rellena.
# Mantén en.ftl al día: una prueba falla si una clave está en un archivo y no en el otro.

## Marco
site-name = Pathways
skip-to-content = Ir al contenido
quick-exit = Salida rápida
safety-note = Salida rápida te saca de aquí al instante (o pulsa Shift 3 veces). No borra tu historial.
safety-note-link = Consejos de seguridad
switch-language = English
footer-nav = Más
nav-search = Buscar
nav-hotlines = Líneas de ayuda
nav-safety = Consejos de seguridad
nav-about = Sobre este directorio
footer-sample = Los servicios marcados como “Ejemplo” son ficticios. Las líneas de ayuda nacionales son reales.

## Títulos (neutros: nunca la búsqueda ni un servicio)
title-home = Buscar servicios
title-results = Resultados
title-listing = Servicio
title-print = Lista
title-hotlines = Líneas de ayuda
title-safety = Consejos de seguridad
title-about = Acerca de
title-not-found = No encontrado
title-busy = Espera un minuto
title-error = Algo salió mal

## Inicio
home-heading = Encuentra ayuda cerca de ti
home-lead = Gratis y confidencial. Sin cuenta, sin nombre, no se guarda nada. Escribe lo que necesitas o elige abajo.
home-needs = O elige lo que necesitas
home-hotlines = Habla con alguien ahora

## El formulario de búsqueda
form-q = ¿Qué necesitas?
form-place = ¿Dónde? Ciudad y estado, o código postal (ZIP)
form-place-hint = Por ejemplo: Houston, TX o 77002
form-search = Buscar
form-radius = Distancia
form-need = Tipo de ayuda
form-more-filters = Más filtros
form-change = Cambia tu búsqueda o los filtros
form-show-only = Mostrar solo
form-without = No mostrar servicios con estas condiciones
form-language = El personal habla
form-age = Edad de la persona
form-apply = Aplicar filtros
radius-mi = { $n } millas
need-any = Cualquier tipo de ayuda
language-any = Cualquier idioma
flag-no_conditions = Sin ninguna condición
flag-free = Gratis
flag-open_now = Abierto ahora
flag-accepting = Tiene espacio ahora
flag-walk_in = Puedes ir sin cita
flag-open_24_7 = Abierto 24/7

## Resultados
results-heading = Servicios
results-near-one = { $n } servicio a menos de { $radius } millas de { $place }
results-near-other = { $n } servicios a menos de { $radius } millas de { $place }
results-anywhere-one = { $n } servicio
results-anywhere-other = { $n } servicios
results-none = Prueba con menos filtros, una distancia mayor u otras palabras. Las líneas de ayuda atienden de día y de noche.
results-read-as = Mostrando servicios para: { $needs }
results-corrected = Buscamos “{ $used }” en lugar de “{ $typed }”.
results-more = Ver todos los detalles
results-print = Imprimir esta lista
results-pages = Páginas
results-previous = Página anterior
results-next = Página siguiente
results-page = Página { $page } de { $pages }

## Un servicio
sample-listing = Ejemplo (ficticio)
distance-mi = A { $mi } millas
distance-area = Atiende tu zona
hours-open-now = Abierto ahora
hours-closed-now = Cerrado ahora
hours-today = hoy { $hours }
hours-closed-today = Cerrado hoy
hours-unknown = No sabemos el horario: llama antes
hours-by-week = Mira el horario más abajo
hours-always = Abierto las 24 horas, todos los días
hours-closed = Cerrado
day-0 = lunes
day-1 = martes
day-2 = miércoles
day-3 = jueves
day-4 = viernes
day-5 = sábado
day-6 = domingo
verified-recent = Revisado este mes
verified-months-one = Revisado hace { $n } mes
verified-months-other = Revisado hace { $n } meses
verified-never = Todavía no se ha revisado
capacity-of = { $available } de { $maximum } { $unit } libres (dato del { $date })
capacity-some = { $available } { $unit } libres (dato del { $date })
capacity-full = Lleno (dato del { $date })
status-inactive = Por ahora no recibe a nuevas personas.
badge-no-conditions = Sin condiciones
listing-phones = Teléfonos
listing-features = Datos útiles
listing-website = Sitio web
listing-address = Dirección
listing-hours = Horario
listing-print = Imprimir esta página
listing-new-search = Nueva búsqueda
fact-eligibility = Para quién es
fact-apply = Cómo pedir ayuda
fact-fees = Costo
fact-languages = El personal habla
fact-ages = Edades
fact-genders = A quién atiende
fact-culture = Para una comunidad o cultura específica
fact-area = Zona que atiende
ages-range = De { $min } a { $max } años
ages-from = { $min } años o más
ages-to = Hasta { $max } años
where-confidential = La dirección es privada por seguridad. Llama para saber cómo llegar.
where-remote = Por teléfono, mensaje de texto o internet.
area-national = En cualquier parte de Estados Unidos
area-states = En estos estados: { $states }
area-local = En la zona de { $place }
area-unknown = Una zona local: llama para preguntar
lang-en = Inglés
lang-es = Español
lang-fr = Francés
lang-pt = Portugués
lang-ht = Criollo haitiano
lang-zh = Chino
lang-vi = Vietnamita
lang-ko = Coreano
lang-tl = Tagalo
lang-ar = Árabe
lang-ru = Ruso
lang-asl = Lengua de señas americana (ASL)

## Errores del formulario
error-place = No encontramos el lugar “{ $place }”. Escribe una ciudad y estado (Houston, TX) o un código postal (ZIP) de 5 números.
error-age = La edad debe ser un número del 0 al 130.
error-radius = Elige una distancia de la lista.
error-need = Elige un tipo de ayuda de la lista.
error-language = Elige un idioma de la lista.
error-page = Esa página de resultados no existe. Busca otra vez.
error-form = No se pudo leer el formulario: { $field }. Busca otra vez.

## Imprimir
print-heading = Contactos
print-hint = Guarda este papel en un lugar seguro.
print-printed = Impreso el { $date }
print-empty = No hay nada para imprimir: primero haz una búsqueda.

## Líneas de ayuda
hotlines-heading = Líneas de ayuda
hotlines-lead = Gratis, confidenciales y abiertas de día y de noche. No tienes que dar tu nombre.
hotlines-national = Líneas de ayuda nacionales
hotlines-emergency = Si estás en peligro ahora mismo, llama al 911.

## Seguridad
safety-heading = Cómo cuidarte mientras buscas ayuda
safety-lead = Tal vez otra persona pueda ver lo que haces en este teléfono o computadora. Estos pasos te pueden ayudar.
safety-exit-heading = Salida rápida
safety-exit-text = El botón Salida rápida, arriba en cada página, esconde esta página al instante y abre un sitio
  neutral (el clima) en su lugar. Con un teclado, pulsar la tecla Shift (Mayús) tres veces rápido hace lo mismo
  si los scripts están activados. Es rápido, pero no invisible: las páginas que visitaste pueden seguir en el historial del navegador.
safety-history-heading = El historial de tu navegador
safety-history-text = Este sitio no usa cookies y no guarda nada en tu teléfono o computadora, pero tu navegador sí recuerda las
  páginas que abres. Las búsquedas se envían de forma que tus palabras no quedan en la barra de direcciones ni en el historial.
  Para borrar lo demás, quita este sitio de tu historial o usa una ventana privada.
safety-devices-heading = Los teléfonos y las computadoras pueden ser vigilados
safety-devices-text = Si alguien controla tu teléfono, sabe tus contraseñas o te dio el aparato, tal vez pueda ver
  tus mensajes, tus llamadas, dónde estás y lo que buscas en internet. Hay aplicaciones para rastrear que pueden estar escondidas.
safety-browse-heading = Formas más seguras de buscar ayuda
safety-browse-private = Usa una ventana privada o de incógnito, y ciérrala cuando termines.
safety-browse-device = Si puedes, usa un teléfono o una computadora que la otra persona no pueda tocar: en una biblioteca o de una amistad de confianza.
safety-browse-print = Imprime una lista o anota los números de teléfono, y guarda el papel en un lugar seguro.
safety-browse-call = Llama a una línea de ayuda: te pueden ayudar a hacer un plan de seguridad, y no necesitan tu nombre.
safety-here-heading = Lo que guarda este sitio
safety-here-text = Nada sobre ti. No guardamos las palabras que buscas, el lugar que escribes, tu dirección en
  internet (IP) ni datos de tu teléfono o computadora. No hay cuenta y no te rastreamos.

## Acerca de
about-heading = Sobre este directorio
about-lead = Pathways reúne servicios para personas que sufrieron trata o explotación, de niños o de adultos,
  y para quienes las ayudan: seguridad, albergue, salud, terapia, documentos de identidad, vivienda, ayuda
  legal y de inmigración, cuidado de niños, tratamiento, escuela y trabajo.
about-counts-one = El directorio tiene { $n } servicio.
about-counts-other = El directorio tiene { $n } servicios.
about-unconditional-heading = Ayuda sin condiciones
about-unconditional-text = Cada servicio dice claramente qué te pide antes de ayudarte — un reporte a la policía, identificación,
  no consumir alcohol ni drogas, estatus migratorio. Puedes dejar esos servicios fuera de tu búsqueda.
about-data-heading = De dónde vienen los datos
about-data-text = Cada organización mantiene al día sus propios datos, en el formato Open Referral HSDS. Cada servicio
  muestra cuándo se revisó por última vez. Llama antes de ir: los horarios y los espacios cambian.
about-sample-text = Esta copia de Pathways muestra servicios de ejemplo: las organizaciones, direcciones y teléfonos
  marcados como “Ejemplo” son inventados. Las líneas de ayuda nacionales son reales.
about-verified-heading = Lugares confidenciales
about-verified-text = Los albergues con dirección secreta nunca la muestran aquí, de ninguna forma. Muestran un número de teléfono
  y la zona que atienden.
about-credits-heading = Créditos
about-credits-text = Datos de códigos postales y lugares © GeoNames, geonames.org, CC BY 4.0; filtrados a Estados Unidos,
  con menos columnas.

## Errores
not-found-heading = Página no encontrada
not-found-text = Esta página no existe, o el servicio ya no está en la lista.
error-heading = Algo salió mal
error-text = Algo salió mal de nuestro lado. Intenta otra vez en un momento. Si necesitas ayuda ahora, llama a una línea de ayuda.
busy-heading = Espera un minuto, por favor
busy-text = Desde esta conexión se abrieron muchas páginas muy rápido, así que la pausamos un momento para
  proteger la información. Vuelve a intentarlo en un minuto. Si necesitas ayuda ahora, llama a una línea de ayuda.

days-range = de { $from } a { $to }
unit-beds = camas
unit-rooms = habitaciones
unit-apartments = departamentos
unit-slots = lugares

## Páginas del personal (Staff pages)
staff-site-name = Pathways para el personal
staff-menu = Menú del personal
staff-menu-home = Inicio
staff-menu-people = Personas
staff-menu-agencies = Agencias
staff-menu-providers = Proveedores
staff-menu-audit = Registro de actividad
staff-menu-sessions = Tus sesiones
staff-sign-in = Iniciar sesión
staff-sign-out = Cerrar sesión
staff-actions = Acciones
staff-title-login = Iniciar sesión
staff-title-enrol = Crea tu cuenta
staff-title-recovery = Códigos de recuperación
staff-title-home = Inicio
staff-title-sessions = Sesiones
staff-title-people = Personas
staff-title-agencies = Agencias
staff-title-providers = Proveedores
staff-title-audit = Registro de actividad
role-directory-admin = Administrador(a) del directorio
role-agency-admin = Administrador(a) de la agencia
role-advocate = Defensor(a)
role-provider-staff = Personal del proveedor
staff-login-heading = Inicio de sesión del personal
staff-email = Correo electrónico
staff-password = Contraseña
staff-code = Código
staff-code-hint = El código de 6 números que muestra tu app de autenticación, o uno de tus códigos de recuperación.
staff-setup-heading = Crea la primera cuenta de administrador
staff-setup-lead = Esta cuenta administrará el directorio. Elige una contraseña y luego conecta una app de autenticación.
staff-invitation-heading = Crea tu cuenta
staff-invitation-lead = Te invitaron como { $role } en { $organisation }, con el correo { $email }.
  Elige una contraseña y luego conecta una app de autenticación.
staff-invitation-lead-directory = Te invitaron como { $role }, con el correo { $email }.
  Elige una contraseña y luego conecta una app de autenticación.
staff-name = Tu nombre
staff-new-password = Elige una contraseña
staff-password-hint = 8 caracteres o más. Unas cuantas palabras que puedas recordar funcionan bien.
staff-password-again = Escribe la contraseña otra vez
staff-totp-heading = Conecta una app de autenticación
staff-totp-text = Cada vez que inicies sesión también escribirás un código de una app en tu teléfono. Abre tu
  app de autenticación, agrega una cuenta y escanea este código QR.
staff-totp-manual = ¿No puedes escanearlo? Escribe esta clave en la app:
staff-totp-code = El código de 6 números que muestra la app ahora
staff-enrol-submit = Crear mi cuenta
staff-recovery-heading = Guarda tus códigos de recuperación
staff-recovery-lead = Si pierdes tu teléfono, inicia sesión con uno de estos códigos en lugar del código de la app. Cada
  uno funciona una sola vez. Anótalos o imprímelos y guárdalos en un lugar seguro: no se volverán a mostrar.
staff-home-heading = Hola, { $name }
staff-home-roles = Tus funciones
staff-home-no-roles = Por ahora no tienes ninguna función. Si necesitas una, pídesela a un administrador.
staff-sessions-heading = Dónde tienes la sesión iniciada
staff-sessions-started = Inicio de sesión
staff-sessions-last-seen = Última actividad
staff-sessions-this = Este dispositivo
staff-sessions-end = Cerrar esta sesión
staff-sessions-which = (iniciada el { $date })
staff-sessions-table = Tus sesiones
staff-sessions-end-all = Cerrar sesión en todas partes, también aquí
staff-people-heading = Personas
staff-disabled = Cuenta desactivada
staff-since = desde el { $date }
staff-ended = terminó el { $date }
staff-end-membership = Quitar esta función
staff-disable = Desactivar esta cuenta
staff-pending-heading = Invitaciones sin usar
staff-expires = vence el { $date }
staff-invite-heading = Invitar a alguien
staff-invite-role = Función
staff-invite-submit = Crear enlace de invitación
staff-invited-heading = Invitación creada
staff-invited-text = Envía este enlace a { $email } de forma segura. Funciona una sola vez, hasta el { $date }.
  Solo se muestra ahora.
staff-members-one = { $n } miembro
staff-members-other = { $n } miembros
staff-agencies-heading = Agencias
staff-agency-new = Agregar una agencia
staff-agency-name = Nombre de la agencia
staff-agency-create = Agregar agencia
staff-providers-heading = Proveedores
staff-provider-new = Dar cuentas de personal a un proveedor
staff-provider-none-left = Todas las organizaciones del directorio ya tienen cuentas de personal.
staff-provider-organisation = Organización del directorio
staff-provider-create = Agregar proveedor
staff-audit-heading = Registro de actividad
staff-audit-actor = Quién
staff-audit-anyone = Cualquier persona
staff-audit-from = Desde
staff-audit-to = Hasta
staff-audit-record = Registro
staff-audit-filter = Mostrar entradas
staff-audit-empty = Ninguna entrada coincide con estos filtros.
staff-audit-seq = Número
staff-audit-table = Entradas del registro de actividad
staff-audit-when = Cuándo
staff-audit-action = Acción
staff-audit-outcome = Resultado
staff-audit-allowed = Permitido
staff-audit-denied = Denegado
staff-audit-truncated = Solo se muestran las entradas más recientes. Usa filtros más precisos para ver las anteriores.
staff-error-summary = Hay un problema
staff-error-not-accepted = Ese correo, contraseña y código no coinciden con ninguna cuenta que pueda iniciar sesión.
staff-error-wait = Demasiados intentos. Espera unos minutos y vuelve a intentarlo.
staff-error-session-ended = Tu sesión terminó. Inicia sesión otra vez.
staff-error-email = Escribe un correo electrónico, como nombre@example.org.
staff-error-password-length = Usa de 8 a 1024 caracteres. Sirve cualquier carácter, también los espacios.
staff-error-password-mismatch = Las dos contraseñas no son iguales.
staff-error-name = Escribe un nombre (hasta 200 caracteres).
staff-error-code = Ese código no coincide. Revisa que la hora de tu teléfono esté bien y escribe el código que aparece ahora.
staff-error-email-taken = Este correo ya tiene una cuenta.
staff-error-grant = Elige una función de la lista.
staff-error-organization = Elige una organización de la lista.
staff-error-agency-exists = Ya existe una agencia con este nombre.
staff-error-date = Usa una fecha como 2026-11-29.
staff-error-form = No se pudo leer el formulario. Regresa, vuelve a cargar la página e intenta otra vez.
staff-link-invalid-heading = Este enlace no se puede usar
staff-link-invalid-text = Ya venció o ya se usó. Pide uno nuevo a quien te lo envió.
staff-signed-out-heading = Sesión cerrada
staff-signed-out-text = Cerraste la sesión en este dispositivo.
staff-not-found-heading = No encontrado
staff-not-found-text = Aquí no hay nada, o no tienes permiso para verlo.
staff-reset-heading = Elige una contraseña nueva y una app de autenticación
staff-reset-lead = Para { $email }. Tu contraseña, tu app de autenticación y tus códigos de recuperación de antes dejan de funcionar cuando termines, y se cierra tu sesión en todas partes.
staff-reset-created-heading = Enlace para restablecer listo
staff-reset-created-text = Dale este enlace a { $email } tú mismo, en persona o por teléfono. Funciona una sola vez, hasta el { $date }. Con él puede elegir una contraseña nueva y conectar una app de autenticación nueva.
staff-reset-link = Crear un enlace para restablecer
staff-enable = Volver a activar esta cuenta
staff-add-role-label = Agregar un rol
staff-add-role = Agregar
staff-revoke = Cancelar esta invitación
staff-error-role-held = Esta persona ya tiene este rol.

## Planificador (Planner)
staff-menu-survivors = Sobrevivientes
plan-title-survivors = Sobrevivientes
plan-title-plan = Plan
plan-survivors-heading = Tus sobrevivientes
plan-survivors-none = Todavía no hay nadie. Abre un registro abajo, junto con la persona sobreviviente.
plan-open-needs-one = { $n } necesidad pendiente
plan-open-needs-other = { $n } necesidades pendientes
plan-new-heading = Abrir un registro
plan-new-lead = Llena esto junto con la persona sobreviviente. Pregunta solo lo que le sirva; todo lo de aquí se guarda cifrado y solo lo ven sus defensores(as).
plan-pseudonym = Nombre o iniciales que elija
plan-pseudonym-hint = No su nombre legal: un primer nombre, un apodo o unas iniciales con los que esté a gusto.
plan-age-band = Edad
plan-age-minor = Menos de 18
plan-age-youth = De 18 a 24
plan-age-adult = 25 o más
plan-languages = Idiomas que prefiere
plan-languages-hint = Códigos de dos letras, como en, es.
plan-place = Ciudad o código postal, para encontrar servicios cerca
plan-contact = Cómo podemos comunicarnos de forma segura
plan-contact-call = Podemos llamar
plan-contact-text = Podemos mandar mensajes de texto
plan-contact-voicemail = Podemos dejar un mensaje de voz
plan-safe-hours = Horas seguras para comunicarnos
plan-code-word = Palabra clave
plan-notes = Notas
plan-template = Empezar el plan con las necesidades de
plan-template-none = Sin plantilla: agregar las necesidades una por una
plan-new-submit = Abrir el registro
plan-unconditional = Cada servicio de este plan es independiente: ninguno depende de otro, ni de hablar con nadie.
plan-immediate = Necesidades inmediatas
plan-long-term = Necesidades a largo plazo
plan-needs-none = Ninguna en el plan.
plan-their-words = Lo que le importa, en sus propias palabras
plan-goal = Meta
plan-status = Estado
plan-status-identified = Identificada
plan-status-being_arranged = En trámite
plan-status-in_service = Recibiendo el servicio
plan-status-met = Cubierta
plan-status-declined = La persona sobreviviente no la quiso
plan-status-on_hold = En pausa
plan-priority = Su prioridad
plan-priority-high = Prioridad alta
plan-priority-medium = Prioridad media
plan-priority-low = Prioridad baja
plan-target-date = Fecha meta
plan-target = para el { $date }
plan-need-save = Guardar
plan-add-heading = Agregar una necesidad
plan-add-need = Necesidad
plan-add-submit = Agregar al plan
plan-yes = Sí
plan-no = No
plan-error-pseudonym = Escribe un nombre o iniciales (hasta 80 caracteres).
plan-error-age-band = Elige una edad de la lista.
plan-error-languages = Usa códigos de idioma de dos letras, como en, es.
plan-error-too-long = Esto es demasiado largo.
plan-error-need = Elige una necesidad de la lista.
plan-error-template = Elige una plantilla de la lista.
plan-error-status = Elige un estado de la lista.
plan-error-priority = Elige una prioridad de la lista.
plan-error-date = Usa una fecha como 2027-01-31.
plan-find = Buscar proveedores para esta necesidad
plan-title-find = Proveedores
plan-find-heading = Proveedores para: { $need }
plan-find-near = Cerca de { $place }, para su edad y su idioma. Primero salen los servicios sin condiciones.
plan-find-anywhere = En cualquier lugar (su lugar no está puesto o no se conoce), para su edad y su idioma. Primero salen los servicios sin condiciones.
plan-find-none = No se encontró ningún servicio. Prueba con otra necesidad o llama a una línea de ayuda.
plan-find-unconditional = Sin condiciones
plan-find-conditions = Condiciones:
plan-find-verified = Revisado el { $date }
plan-back = Volver al plan
plan-refer = Referir
referral-reference = referencia { $reference }
referral-updated = último cambio { $date }
referral-move = Pasar a
referral-reason = Motivo (si lo rechazan)
referral-reason-none = Sin motivo
referral-save = Guardar
referral-status-draft = Borrador
referral-status-sent = Enviada
referral-status-received = Recibida
referral-status-accepted = Aceptada
referral-status-waitlisted = En lista de espera
referral-status-declined = Rechazada
referral-status-started = Comenzó
referral-status-completed = Terminada
referral-status-closed_by_survivor = Cerrada por la persona sobreviviente
referral-status-withdrawn = Retirada
referral-reason-no_capacity = No hay cupo
referral-reason-not_eligible = No cumple los requisitos
referral-reason-unreachable = No se pudo contactar
referral-reason-other = Otro motivo
referral-error-transition = Esta referencia no puede pasar a ese estado desde donde está ahora.
referral-error-reason = Un rechazo necesita un motivo, y solo un rechazo lo lleva.
referral-error-service = Ese servicio no está en el directorio.
plan-erase-heading = Borrar a esta persona sobreviviente
plan-erase-text = Destruye su clave y luego su registro, su plan y sus referencias. Nada puede recuperarlo, ni siquiera una copia de respaldo. El registro de actividad solo guarda que hubo un borrado. Solo su defensor(a) principal puede hacerlo, junto con la persona.
plan-erase-confirm = La persona sobreviviente lo pidió, y entiendo que no se puede deshacer.
plan-erase-submit = Borrar para siempre
plan-error-confirm = Marca la casilla para confirmar el borrado.
plan-follow-up = Dar seguimiento el
referral-keep = (dejar el estado igual)
plan-overdue-one = { $n } seguimiento atrasado
plan-overdue-other = { $n } seguimientos atrasados
plan-upcoming-one = { $n } seguimiento esta semana
plan-upcoming-other = { $n } seguimientos esta semana
plan-stuck-one = { $n } referencia detenida hace más de 14 días
plan-stuck-other = { $n } referencias detenidas hace más de 14 días
plan-unprovided-one = { $n } necesidad todavía sin proveedor
plan-unprovided-other = { $n } necesidades todavía sin proveedor
copy-title = Contactos
copy-heading = Mis contactos
copy-needs = En qué estoy trabajando
copy-steps = Próximos pasos
copy-no-steps = Todavía ninguno.
copy-advocate = Mi defensor(a)
plan-print = Imprimir su copia
plan-advocates = Defensores(as)
plan-primary = defensor(a) principal
plan-transfer-to = Pasar a
plan-transfer-stay = Seguir como codefensor(a)
plan-transfer-submit = Pasar el caso
plan-co-advocate = Agregar un(a) codefensor(a)
plan-co-advocate-submit = Agregar
plan-timeline = Historial
plan-error-advocate = Elige de la lista a un(a) defensor(a) de la agencia.
timeline-survivor-create = Se abrió el registro
timeline-plan-need-add = Se agregó una necesidad
timeline-plan-need-update = Se actualizó una necesidad
timeline-referral-create = Se hizo una referencia
timeline-referral-status = Cambió el estado de una referencia
timeline-referral-follow-up = Se puso un seguimiento a una referencia
timeline-survivor-transfer = Se pasó a otro(a) defensor(a)
timeline-survivor-co-advocate = Se agregó un(a) codefensor(a)
staff-menu-reports = Informes
report-title = Informes
report-heading = Cifras de tu agencia
report-lead = Solo cifras, nunca una persona. Cualquier cifra de 1 a 4 se muestra como “<5”, para que nadie pueda ser identificado.
report-needs = Necesidades en los planes, por estado
report-referrals = Resultados de las referencias, por necesidad
report-unprovided = Necesidades todavía sin proveedor
report-count = Cantidad
