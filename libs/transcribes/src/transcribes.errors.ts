import { conflict, notFound, validationFailed } from '@app/core';

export const contactNotFound = () => notFound('Contact');
export const transcribeNotFound = () => notFound('Transcribe');
/** The body names a contact the caller's organisation does not have: the same answer for any other org's id. */
export const unknownContact = () =>
  validationFailed('contact must be a contact of your organisation', [
    { field: 'contact', message: 'no such contact' },
  ]);
export const unknownProject = () =>
  validationFailed('projectId must be a project of your organisation', [
    { field: 'projectId', message: 'no such project' },
  ]);
export const contactHasTranscribes = (count: number) =>
  conflict(`The contact still has ${count} transcribe(s); delete them first`);
