import { buildMessage, ValidateBy, ValidationOptions } from 'class-validator';

/** The value, written as JSON, takes at most `limit` bytes (free-form objects such as `metadata`). */
export function MaxJsonBytes(limit: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxJsonBytes',
      constraints: [limit],
      validator: {
        validate: (value: unknown) =>
          value === undefined || Buffer.byteLength(JSON.stringify(value) ?? '') <= limit,
        defaultMessage: buildMessage(
          (prefix) => `${prefix}$property must be at most $constraint1 bytes as JSON`,
          options,
        ),
      },
    },
    options,
  );
}
