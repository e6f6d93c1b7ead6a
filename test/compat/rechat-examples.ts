/** Seed 004 (Rechat Transcribes), as the document gives them: its create body and its answer's entries. */
export const RECHAT_CREATE_BODY = {
  contact: 'ff30aa35-9625-4025-bcfc-8f1db854a17c',
  contents: [
    { timestamp: 0, author: 'Agent', text: 'Hi, how can I help you?' },
    { timestamp: 3.5, author: 'Client', text: 'Looking for a 3-bedroom house.' },
    { timestamp: 7.2, author: 'Agent', text: 'Great, what is your budget?' },
  ],
};

/** The document's example transcribe (fields whose values are the server's own are checked by kind in the test). */
export const RECHAT_TRANSCRIBE_EXAMPLE = {
  id: '2a04242b-e6b6-4f3d-a33b-647007ece360',
  brand: 'bd3c4f3e-6465-469c-ad30-09b93cabb965',
  created_at: 1778872342.667593,
  updated_at: 1778872342.667593,
  deleted_at: null,
  created_by: '80a227b2-29a0-11e7-b636-e4a7a08e15d4',
  updated_by: null,
  type: 'transcribe',
  entries: [
    {
      id: '19b02ac1-a57d-46eb-9c6e-4e3b465f531e',
      transcribe: '2a04242b-e6b6-4f3d-a33b-647007ece360',
      timestamp: 0,
      author: 'Agent',
      text: 'Hi, how can I help you?',
      created_at: 1778872342.667593,
      type: 'transcribe_entry',
    },
  ],
};
