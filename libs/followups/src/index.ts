export * from './followup-types';
export * from './followup-states';
export { FollowupEntity, type FollowupHistoryEntry } from './followup.entity';
export { FollowupsModule } from './followups.module';
export { FollowupsService, presentFollowup, type FollowupRecord } from './followups.service';
export { extractFollowups, type ExtractedFollowup } from './extraction/extract-followups';
export { dueDateOf } from './extraction/due-date';
export { CreateFollowupDto, UpdateFollowupDto, ListFollowupsQuery } from './dto/followup.dto';
export { followupNotFound } from './followups.errors';
