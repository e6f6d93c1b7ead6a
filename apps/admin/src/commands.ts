import { Command, CommandRunner, Option } from 'nest-commander';
import { randomBytes } from 'node:crypto';
import { OperatorService } from '@app/identity';
import { ReconcilerService } from '@app/pipeline';
import { WebhooksService } from '@app/webhooks';

/** A password for the operator to pass on, when none is given: 24 URL-safe characters. */
const generatedPassword = () => randomBytes(18).toString('base64url');

interface CreateOrganizationOptions {
  name: string;
  ownerEmail: string;
  ownerName?: string;
  password?: string;
}

@Command({
  name: 'create-organization',
  description:
    'Create an organisation and its owner (when sign-up is closed); prints the ids and any new password',
})
export class CreateOrganizationCommand extends CommandRunner {
  constructor(private readonly operator: OperatorService) {
    super();
  }

  async run(_: string[], options: CreateOrganizationOptions): Promise<void> {
    const password = options.password ?? generatedPassword();
    const created = await this.operator.createOrganization({
      name: options.name,
      ownerEmail: options.ownerEmail,
      ownerName: options.ownerName ?? options.ownerEmail.split('@')[0],
      password,
    });
    console.log(
      JSON.stringify({
        ...created,
        ...(created.newUser && !options.password ? { password } : {}),
      }),
    );
  }

  @Option({ flags: '--name <name>', description: 'the organisation', required: true })
  parseName(value: string) {
    return value;
  }

  @Option({ flags: '--owner-email <email>', required: true })
  parseOwnerEmail(value: string) {
    return value;
  }

  @Option({ flags: '--owner-name <name>' })
  parseOwnerName(value: string) {
    return value;
  }

  @Option({ flags: '--password <password>', description: "the owner's password (generated when absent)" })
  parsePassword(value: string) {
    return value;
  }
}

@Command({
  name: 'reset-password',
  description: "Set a person's password (generated when absent) and end all their sessions",
})
export class ResetPasswordCommand extends CommandRunner {
  constructor(private readonly operator: OperatorService) {
    super();
  }

  async run(_: string[], options: { email: string; password?: string }): Promise<void> {
    const password = options.password ?? generatedPassword();
    const reset = await this.operator.resetPassword(options.email, password);
    console.log(JSON.stringify({ ...reset, ...(options.password ? {} : { password }) }));
  }

  @Option({ flags: '--email <email>', required: true })
  parseEmail(value: string) {
    return value;
  }

  @Option({ flags: '--password <password>' })
  parsePassword(value: string) {
    return value;
  }
}

@Command({
  name: 'requeue-stuck',
  description: 'Re-drive every record stuck in a stage (what the maintenance worker does every minute), now',
})
export class RequeueStuckCommand extends CommandRunner {
  constructor(private readonly reconciler: ReconcilerService) {
    super();
  }

  async run(): Promise<void> {
    console.log(JSON.stringify(await this.reconciler.reconcile()));
  }
}

@Command({
  name: 'rotate-secrets',
  description:
    'Re-encrypt every webhook signing secret with WEBHOOK_SECRET_KEY (set the old key as WEBHOOK_SECRET_KEY_PREVIOUS first)',
})
export class RotateSecretsCommand extends CommandRunner {
  constructor(private readonly webhooks: WebhooksService) {
    super();
  }

  async run(): Promise<void> {
    const result = await this.webhooks.reencryptSecrets();
    console.log(JSON.stringify(result));
    // Secrets no key opens need the right WEBHOOK_SECRET_KEY_PREVIOUS; the operator must see that as a failure.
    if (result.unreadable > 0) process.exitCode = 1;
  }
}
