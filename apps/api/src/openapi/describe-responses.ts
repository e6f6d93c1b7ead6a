import type { OpenAPIObject } from '@nestjs/swagger';
import { RESPONSE_CATALOGUE, SuccessResponse } from './response-catalogue';
import { ref, RESPONSE_SCHEMAS } from './schemas';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'] as const;

/** Statuses every operation may answer with Parley's error envelope (docs/api.md, Envelopes). */
const ERRORS: Record<string, string> = {
  '400': 'VALIDATION_FAILED: bad input',
  '401': 'UNAUTHENTICATED: no or bad credentials',
  '403': 'FORBIDDEN: the role or scope does not allow it',
  '404': "NOT_FOUND (also another organisation's resource)",
  '429': 'RATE_LIMITED',
};

/** The operations of a document as `METHOD /path` keys, with their objects. */
export function operationsOf(document: OpenAPIObject) {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.filter((method) => item[method]).map((method) => ({
      key: `${method.toUpperCase()} ${path}`,
      operation: item[method]!,
    })),
  );
}

function successBody(response: SuccessResponse) {
  const { body } = response;
  switch (body.kind) {
    case 'empty':
      return { description: 'No content' };
    case 'binary':
      return {
        description: 'The bytes',
        content: Object.fromEntries(
          body.mediaTypes.map((type) => [type, { schema: { type: 'string', format: 'binary' } }]),
        ),
      };
    case 'raw':
      return { description: 'OK', content: { 'application/json': { schema: ref(body.schema) } } };
    case 'one':
      return {
        description: 'OK',
        content: {
          'application/json': {
            schema: { type: 'object', required: ['data'], properties: { data: ref(body.schema) } },
          },
        },
      };
    case 'list':
      return {
        description: 'OK',
        content: {
          'application/json': {
            schema: {
              type: 'object',
              required: ['data', 'meta'],
              properties: { data: { type: 'array', items: ref(body.schema) }, meta: ref('ListMeta') },
            },
          },
        },
      };
  }
}

/**
 * Gives every operation its success answer from the catalogue (replacing the status Nest guessed: 201 for every
 * POST) and Parley's error envelope for the usual failures; the compatibility APIs keep their own error shapes, so
 * they get the statuses without a body schema. Operations without an entry are left as they are (the OpenAPI test
 * lists them).
 */
export function describeResponses(document: OpenAPIObject): OpenAPIObject {
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...RESPONSE_SCHEMAS },
  };
  for (const { key, operation } of operationsOf(document)) {
    const success = RESPONSE_CATALOGUE[key];
    if (!success) continue;
    const isCompat = key.split(' ')[1].startsWith('/compat/');
    const responses: Record<string, unknown> = {};
    for (const status of [success.status, ...(success.also ?? [])])
      responses[String(status)] = successBody(success);
    for (const [status, description] of Object.entries(ERRORS))
      responses[status] = isCompat
        ? { description }
        : { description, content: { 'application/json': { schema: ref('Error') } } };
    operation.responses = responses as typeof operation.responses;
  }
  return document;
}
