import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { OrgGateway } from '../org/index';
import { LogMailTransport, MAIL_TRANSPORT, SmtpMailTransport } from './mail-transport';
import { NotificationJobs } from './notification-jobs';
import { NotificationRepository } from './notification.repository';
import { NotificationsController } from './notifications.controller';
import { NotificationsService } from './notifications.service';

/** In-app notifications and e-mail. Deliveries come from the workflow outbox as jobs (NotificationJobs subscribes to them). */
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationRepository,
    NotificationsService,
    NotificationJobs,
    OrgGateway,
    {
      provide: MAIL_TRANSPORT,
      useFactory: (config: AppConfig) => (config.mail.smtpUrl ? new SmtpMailTransport(config.mail.smtpUrl, config.mail.from) : new LogMailTransport()),
      inject: [APP_CONFIG],
    },
  ],
  exports: [NotificationsService, MAIL_TRANSPORT],
})
export class NotificationsModule {}
