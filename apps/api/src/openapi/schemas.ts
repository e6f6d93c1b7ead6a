/**
 * Component schemas of the answers (OpenAPI 3.0 schema objects), as docs/api.md gives them. Each names the fields a
 * client reads; an answer may carry more (`additionalProperties`), so a new field is not a breaking change.
 */
type Schema = Record<string, unknown>;

const string = { type: 'string' };
const nullableString = { type: 'string', nullable: true };
const number = { type: 'number' };
const nullableNumber = { type: 'number', nullable: true };
const integer = { type: 'integer' };
const boolean = { type: 'boolean' };
const dateTime = { type: 'string', format: 'date-time' };
const nullableDateTime = { type: 'string', format: 'date-time', nullable: true };
const anyObject = { type: 'object', additionalProperties: true };
const arrayOf = (items: Schema) => ({ type: 'array', items });
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** An object whose `required` fields are always there (the others may be left out or null). */
const object = (properties: Record<string, Schema>, required: string[] = ['id']): Schema => ({
  type: 'object',
  // OpenAPI 3.0 allows no empty `required`.
  ...(required.length ? { required } : {}),
  properties,
  additionalProperties: true,
});
/** A resource with an id and its own fields. */
const resource = (properties: Record<string, Schema>, required: string[] = []) =>
  object({ id: string, ...properties }, ['id', ...required]);

const party = object(
  { fullName: nullableString, phoneNumber: nullableString, displayName: nullableString },
  [],
);
const stage = {
  type: 'string',
  enum: ['uploading', 'queued', 'transcribing', 'analyzing', 'alerting', 'done'],
};

export const RESPONSE_SCHEMAS: Record<string, Schema> = {
  Error: object(
    {
      error: object(
        {
          code: {
            type: 'string',
            enum: [
              'VALIDATION_FAILED',
              'UNAUTHENTICATED',
              'BUDGET_EXCEEDED',
              'FORBIDDEN',
              'NOT_FOUND',
              'GONE',
              'CONFLICT',
              'PAYLOAD_TOO_LARGE',
              'UNSUPPORTED_MEDIA',
              'RATE_LIMITED',
              'INTERNAL',
              'UNAVAILABLE',
            ],
          },
          message: string,
          details: arrayOf(object({ field: string, message: string }, ['message'])),
        },
        ['code', 'message'],
      ),
    },
    ['error'],
  ),
  ListMeta: object(
    {
      page: integer,
      pageSize: integer,
      total: integer,
      totalIsEstimate: boolean,
      totalIsLowerBound: boolean,
      nextCursor: nullableString,
    },
    ['pageSize'],
  ),
  Health: object({ status: string, checks: anyObject, queues: anyObject }, []),
  Session: object(
    {
      accessToken: string,
      refreshToken: string,
      expiresIn: integer,
      tokenType: string,
      user: ref('User'),
      organization: ref('Organization'),
    },
    ['accessToken'],
  ),
  Me: object(
    {
      user: object({ id: string, email: string, name: string }, ['id', 'email', 'name']),
      organization: object({ id: string, name: string }, ['id', 'name']),
      role: { type: 'string', enum: ['owner', 'admin', 'supervisor', 'agent', 'viewer'] },
      memberships: arrayOf(
        object({ organizationId: string, organizationName: string, role: string }, [
          'organizationId',
          'organizationName',
          'role',
        ]),
      ),
    },
    ['user', 'organization', 'role', 'memberships'],
  ),
  AccessToken: object({ access_token: string, token_type: string, expires_in: integer, scope: string }, [
    'access_token',
    'token_type',
    'expires_in',
  ]),
  AuthorizationServerMetadata: object(
    { issuer: string, token_endpoint: string, grant_types_supported: arrayOf(string) },
    ['issuer', 'token_endpoint'],
  ),
  User: resource({ email: string, name: string, role: string, orgId: string, createdAt: dateTime }),
  Organization: resource({ name: string, createdAt: dateTime }),
  AudioLink: object({ url: string, expiresAt: dateTime }, ['url', 'expiresAt']),
  Invite: object({ inviteUrl: string, email: string, role: string, expiresAt: dateTime }, []),
  ApiClient: resource({ name: string, clientId: string, clientSecret: string, scopes: arrayOf(string) }),
  Project: resource({ name: string, description: nullableString, createdAt: dateTime }),
  ProjectStats: anyObject,
  CreatedRecord: resource(
    {
      status: string,
      processingStatus: { type: 'string', enum: ['pending', 'processing', 'completed', 'failed'] },
      processingStage: stage,
      projectId: string,
      createdAt: dateTime,
    },
    ['processingStatus'],
  ),
  Record: resource(
    {
      projectId: string,
      ownerId: nullableString,
      type: { type: 'string', enum: ['audio', 'transcript'] },
      title: nullableString,
      direction: { type: 'string', nullable: true, enum: ['IN', 'OUT', null] },
      from: party,
      to: party,
      agentName: nullableString,
      customerPhone: nullableString,
      date: dateTime,
      duration: nullableNumber,
      channels: { type: 'integer', nullable: true },
      sampleRate: { type: 'integer', nullable: true },
      format: nullableString,
      codec: nullableString,
      sizeBytes: { type: 'integer', nullable: true },
      language: nullableString,
      source: string,
      status: string,
      processingStatus: { type: 'string', enum: ['pending', 'processing', 'completed', 'failed'] },
      processingStage: stage,
      processingErrors: arrayOf(anyObject),
      features: anyObject,
      qualityScore: nullableNumber,
      analysisResult: object({ score: nullableNumber, sentiment: nullableString, status: integer }, []),
      tags: arrayOf(ref('Tag')),
      hasNotes: boolean,
      externalId: nullableString,
      metadata: anyObject,
      createdAt: dateTime,
      updatedAt: dateTime,
      completedAt: nullableDateTime,
      legalHold: boolean,
      deleted: boolean,
      transcript: ref('Transcript'),
      analysis: ref('Analysis'),
    },
    ['projectId', 'processingStatus', 'processingStage', 'createdAt'],
  ),
  SignedUpload: object(
    {
      recordId: string,
      uploadId: string,
      uploadUrl: string,
      method: { type: 'string', enum: ['PUT'] },
      headers: { type: 'object', additionalProperties: string },
      completeUrl: string,
      expiresAt: dateTime,
    },
    ['recordId', 'uploadUrl', 'method', 'headers', 'expiresAt'],
  ),
  ImportAnswer: object({ statusCode: integer, data: object({ recordId: string }, ['recordId']) }, [
    'statusCode',
    'data',
  ]),
  Tag: resource({ value: string }),
  Note: object(
    { noteId: string, authorUserId: string, noteText: string, createdAt: dateTime, lastModified: dateTime },
    ['noteId', 'noteText'],
  ),
  Transcript: object(
    {
      recordId: string,
      language: string,
      engine: string,
      speakers: arrayOf(object({ speakerId: string, speakerLabel: string, role: string }, ['speakerId'])),
      sentences: arrayOf(
        object(
          {
            speakerId: string,
            startTime: number,
            endTime: number,
            text: string,
            confidence: nullableNumber,
            sentiment: nullableString,
          },
          ['speakerId', 'startTime', 'endTime', 'text'],
        ),
      ),
      redacted: boolean,
    },
    ['recordId', 'sentences'],
  ),
  Analysis: resource(
    {
      recordId: string,
      profileId: nullableString,
      version: integer,
      qualityScore: nullableNumber,
      complianceStatus: nullableString,
      categories: anyObject,
      criteria: arrayOf(anyObject),
      summary: nullableString,
      improvements: arrayOf(string),
      sentiment: object({ label: string, score: number, bySpeaker: anyObject, trend: arrayOf(number) }, []),
      metrics: anyObject,
      keywords: arrayOf(string),
      bookmarks: arrayOf(anyObject),
      pii: arrayOf(anyObject),
      engine: anyObject,
      createdAt: dateTime,
    },
    ['recordId'],
  ),
  Annotation: resource({
    startTime: number,
    endTime: nullableNumber,
    text: string,
    category: nullableString,
  }),
  Review: resource({ score: number, comment: nullableString, criteria: arrayOf(anyObject) }),
  AnalysisProfile: resource({ name: string, criteria: arrayOf(anyObject), createdAt: dateTime }),
  Calibration: anyObject,
  Rescore: resource({ status: string }),
  AlertRule: resource({ name: string, enabled: boolean, conditions: anyObject, actions: anyObject }),
  AlertEvent: resource({ ruleId: string, recordId: string, createdAt: dateTime }),
  BillingSummary: anyObject,
  BillingUsage: anyObject,
  Credit: anyObject,
  Budget: anyObject,
  Webhook: resource({ url: string, events: arrayOf(string), enabled: boolean, secret: string }),
  WebhookDelivery: resource({ event: string, status: string, attempts: integer, createdAt: dateTime }),
  Accepted: anyObject,
  Queues: anyObject,
  SearchHit: object({ recordId: string, score: number, snippet: string, startTime: nullableNumber }, [
    'recordId',
  ]),
  Contact: resource({ displayName: nullableString, email: nullableString, phoneNumber: nullableString }),
  Transcribe: resource({ contact: nullableString, recordId: string, contents: arrayOf(anyObject) }),
  Followup: resource({ recordId: string, status: string, text: string, dueAt: nullableDateTime }),
  AuditEntry: resource({ action: string, actorId: nullableString, targetId: nullableString, at: dateTime }),
  RetentionPolicy: resource({ name: string, enabled: boolean }),
  ErasureRequest: resource({ status: string, createdAt: dateTime }),
  CrmCustomer: resource({ name: nullableString, phones: arrayOf(string), emails: arrayOf(string) }),
  CrmImportResult: anyObject,
  CrmOpportunity: resource({ customerId: string, name: string, stage: nullableString }),
  GenesysContactCenter: resource({ contactCenterId: string, name: nullableString }),
  /** The compatibility APIs answer in their own systems' shapes (docs/compat/*.md). */
  GenesysInsertion: object({ statusCode: integer, data: anyObject }, ['statusCode']),
  ImagicleToken: object({ access_token: string, token_type: string, expires_in: integer }, ['access_token']),
  ImagicleRecordingList: object(
    { recordings: arrayOf(ref('ImagicleRecording')), page: integer, pageSize: integer, total: integer },
    ['recordings'],
  ),
  ImagicleRecording: resource({
    ownerId: nullableString,
    direction: string,
    from: party,
    to: party,
    date: dateTime,
    analysisResult: anyObject,
    duration: nullableNumber,
    tags: arrayOf(anyObject),
    hasNotes: boolean,
  }),
  ImagicleUpload: resource(
    {
      uploadUrl: string,
      method: string,
      headers: { type: 'object', additionalProperties: string },
      expiresAt: dateTime,
    },
    ['uploadUrl'],
  ),
  ImagicleTranscription: object({ speakers: arrayOf(anyObject), sentences: arrayOf(anyObject) }, [
    'sentences',
  ]),
  ImagicleTag: resource({ value: string }),
  ImagicleTagList: arrayOf(ref('ImagicleTag')),
  ImagicleNote: object({ noteId: string, authorUserId: string, noteText: string }, ['noteId']),
  ImagicleNoteList: arrayOf(ref('ImagicleNote')),
  RechatTranscribe: resource({ contact: anyObject, contents: arrayOf(anyObject) }),
  RechatTranscribeAnswer: object({ code: { type: 'string', enum: ['OK'] }, data: ref('RechatTranscribe') }, [
    'code',
    'data',
  ]),
  RechatTranscribeList: object(
    {
      code: { type: 'string', enum: ['OK'] },
      data: arrayOf(ref('RechatTranscribe')),
      info: object({ count: integer, total: integer }, []),
    },
    ['code', 'data'],
  ),
  SiroRecordingList: object(
    { data: arrayOf(ref('SiroRecording')), cursor: nullableString, pageSize: integer, limit: integer },
    ['data'],
  ),
  SiroRecording: resource({ title: nullableString, createdAt: dateTime }),
};
