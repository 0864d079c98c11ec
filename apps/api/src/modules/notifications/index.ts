/** The public face of the notifications module: what other modules and the app may import (docs/ARCHITECTURE.md, "Module boundaries"). */
export { NotificationsModule } from './notifications.module';
export { NotificationsService, type NotifyJob } from './notifications.service';
export { MAIL_TRANSPORT, LogMailTransport, type MailMessage, type MailTransport } from './mail-transport';
