import { newId } from './ids';
import { idOfUuid, uuidOf } from './uuid-form';

describe('uuid form of ids', () => {
  it('maps an id to a UUID and back', () => {
    const id = newId('trb');
    const uuid = uuidOf(id);
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(idOfUuid('trb', uuid)).toBe(id);
    expect(idOfUuid('trb', uuid.toUpperCase())).toBe(id);
  });

  it('takes any UUID (a client may send one Parley never made) and refuses what is not one', () => {
    expect(idOfUuid('con', 'ff30aa35-9625-4025-bcfc-8f1db854a17c')).toMatch(/^con_[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(idOfUuid('con', 'ff30aa35')).toBeNull();
    expect(idOfUuid('con', 'con_01JD0000000000000000000000')).toBeNull();
  });
});
