import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../config/app-config';

export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

/** Plain-text notification email over SMTP (SMTP_* settings). Without SMTP_HOST, email is off and send() is a no-op. */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = new Logger(Mailer.name);
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {}

  get enabled(): boolean {
    return Boolean(this.config.SMTP_HOST);
  }

  /** Returns false when email is off or there is no recipient; SMTP errors are thrown to the caller. */
  async send(message: MailMessage): Promise<boolean> {
    if (!this.enabled || message.to.length === 0) return false;
    await this.transporter().sendMail({
      from: this.config.SMTP_FROM,
      to: message.to,
      subject: message.subject,
      text: message.text,
    });
    this.logger.log(`Sent "${message.subject}" to ${message.to.length} recipient(s)`);
    return true;
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }

  private transporter(): Transporter {
    this.transport ??= createTransport({
      host: this.config.SMTP_HOST,
      port: this.config.SMTP_PORT,
      secure: this.config.SMTP_SECURE,
      auth: this.config.SMTP_USER
        ? { user: this.config.SMTP_USER, pass: this.config.SMTP_PASSWORD ?? '' }
        : undefined,
    });
    return this.transport;
  }
}
