export * from './pipeline.module';
export * from './pipeline.service';
export * from './pipeline.errors';
export * from './reconciler.service';
export * from './transcript-view.service';
export * from './rescore/profile-rescorer.service';
