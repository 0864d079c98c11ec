import { currentLogger } from '../../common/logging/request-context';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers; `X-Request-Id` names the request whose change caused the mail. */
  headers?: Record<string, string>;
}

/** Pluggable e-mail delivery. The default only logs; SMTP_URL selects nodemailer over SMTP. */
export interface MailTransport {
  readonly kind: string;
  send(message: MailMessage): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

export class LogMailTransport implements MailTransport {
  readonly kind = 'log';
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
    if (this.sent.length > 1000) this.sent.shift();
    currentLogger().info({ to: message.to, subject: message.subject, headers: message.headers }, 'mail (log transport)');
  }
}

export class SmtpMailTransport implements MailTransport {
  readonly kind = 'smtp';
  private transporter: { sendMail(m: { from: string; to: string; subject: string; text: string; html?: string; headers?: Record<string, string> }): Promise<unknown> } | null = null;

  constructor(
    private readonly url: string,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    if (!this.transporter) {
      const nodemailer = await import('nodemailer');
      this.transporter = nodemailer.createTransport(this.url);
    }
    await this.transporter.sendMail({ from: this.from, ...message });
  }
}
