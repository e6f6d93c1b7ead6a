import { RecordsInitial1795265817435 } from './1795265817435-records-initial';
import { IdentityInitial1795265821646 } from './1795265821646-identity-initial';
import { TranscriptionTranscripts1795265868250 } from './1795265868250-transcription-transcripts';
import { WebhooksOutbox1795265885681 } from './1795265885681-webhooks-outbox';
import { SearchEntries1795266006683 } from './1795266006683-search-entries';
import { BillingLedger1795266020443 } from './1795266020443-billing-ledger';
import { WebhooksEndpointsDeliveries1795266029160 } from './1795266029160-webhooks-endpoints-deliveries';
import { AlertsRulesEvents1795266064524 } from './1795266064524-alerts-rules-events';
import { AnalysisAnalysesProfiles1795266669568 } from './1795266669568-analysis-analyses-profiles';
import { IdentityEmailCheck1795267178817 } from './1795267178817-identity-email-check';
import { TranscribesContactsTranscribes1795267822279 } from './1795267822279-transcribes-contacts-transcribes';
import { WebhooksDeliveriesDueIndex1795268484357 } from './1795268484357-webhooks-deliveries-due-index';
import { BillingDailyUsage1795268145820 } from './1795268145820-billing-daily-usage';
import { RecordsAnalysisProfile1795269210700 } from './1795269210700-records-analysis-profile';
import { AnalysisAnnotationsReviews1795269314009 } from './1795269314009-analysis-annotations-reviews';
import { BillingTranscriptsOnce1795269585798 } from './1795269585798-billing-transcripts-once';
import { RecordsFeatures1796544000000 } from './1796544000000-records-features';
import { AnalysisEvaluations1796630400000 } from './1796630400000-analysis-evaluations';
import { Followups1796634000000 } from './1796634000000-followups';
import { AnalysisProfileRescores1796637600000 } from './1796637600000-analysis-profile-rescores';
import { AuditLog1796641200000 } from './1796641200000-audit-log';
import { RecordsSoftDelete1796644800000 } from './1796644800000-records-soft-delete';
import { RetentionPolicies1796648400000 } from './1796648400000-retention-policies';
import { ErasureRequests1796652000000 } from './1796652000000-erasure-requests';
import { CrmLinking1796655600000 } from './1796655600000-crm-linking';
import { ContactsSoftDelete1796659200000 } from './1796659200000-contacts-soft-delete';
import { ContactsExternalRef1796662800000 } from './1796662800000-contacts-external-ref';
import { RecordsDateDefault1796666400000 } from './1796666400000-records-date-default';
import { GenesysContactCenters1796670000000 } from './1796670000000-genesys-contact-centers';
import { BillingTotalSlots1796673600000 } from './1796673600000-billing-total-slots';
import { RecordsListingIndex1796677200000 } from './1796677200000-records-listing-index';

/**
 * Every migration, in order. Migrations are reviewed code: one file per change, named
 * `<unix-ms>-<context>-<what>.ts`, never edited after it has shipped.
 */
export const MIGRATIONS: Function[] = [
  RecordsInitial1795265817435,
  IdentityInitial1795265821646,
  TranscriptionTranscripts1795265868250,
  WebhooksOutbox1795265885681,
  SearchEntries1795266006683,
  BillingLedger1795266020443,
  WebhooksEndpointsDeliveries1795266029160,
  AlertsRulesEvents1795266064524,
  AnalysisAnalysesProfiles1795266669568,
  IdentityEmailCheck1795267178817,
  TranscribesContactsTranscribes1795267822279,
  BillingDailyUsage1795268145820,
  WebhooksDeliveriesDueIndex1795268484357,
  RecordsAnalysisProfile1795269210700,
  AnalysisAnnotationsReviews1795269314009,
  BillingTranscriptsOnce1795269585798,
  RecordsFeatures1796544000000,
  AnalysisEvaluations1796630400000,
  Followups1796634000000,
  AnalysisProfileRescores1796637600000,
  AuditLog1796641200000,
  RecordsSoftDelete1796644800000,
  RetentionPolicies1796648400000,
  ErasureRequests1796652000000,
  CrmLinking1796655600000,
  ContactsSoftDelete1796659200000,
  ContactsExternalRef1796662800000,
  RecordsDateDefault1796666400000,
  GenesysContactCenters1796670000000,
  BillingTotalSlots1796673600000,
  RecordsListingIndex1796677200000,
];
