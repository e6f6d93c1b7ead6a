export * from './audio/probe-audio';
