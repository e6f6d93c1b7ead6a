import { TenantContext } from '@app/core';
import { maskPhone, presentRecord } from './record.presenter';
import { RecordEntity } from './record.entity';

const ctx = (role: TenantContext['role']): TenantContext => ({
  orgId: 'org_1',
  actor: { kind: 'user', userId: 'usr_1' },
  role,
  scopes: [],
});

describe('maskPhone', () => {
  it('keeps the country digit and the last four', () => {
    expect(maskPhone('+15551234567')).toBe('+1***4567');
    expect(maskPhone('5551234567')).toBe('5***4567');
  });
  it('hides short numbers whole', () => {
    expect(maskPhone('12345')).toBe('***');
  });
  it('leaves an absent number absent', () => {
    expect(maskPhone(null)).toBeNull();
  });
});

describe('presentRecord', () => {
  const record = Object.assign(new RecordEntity(), {
    id: 'rec_1',
    customerPhone: '+15551234567',
    from: { fullName: 'Jane', phoneNumber: '+15551234567' },
    to: { fullName: 'John', phoneNumber: '+15557654321' },
    date: null,
    createdAt: new Date('2026-03-05T10:15:00Z'),
    updatedAt: new Date('2026-03-05T10:15:00Z'),
    completedAt: null,
    processingStatus: 'pending',
  });

  it.each(['viewer', 'agent'] as const)('masks the customer number for %s', (role) => {
    const view = presentRecord(record, ctx(role), { tags: [], hasNotes: false });
    expect(view.customerPhone).toBe('+1***4567');
    expect(view.from?.phoneNumber).toBe('+1***4567');
    expect(view.to?.phoneNumber).toBe('+15557654321');
  });

  it.each(['supervisor', 'admin', 'owner'] as const)('shows it whole to %s', (role) => {
    const view = presentRecord(record, ctx(role), { tags: [], hasNotes: false });
    expect(view.customerPhone).toBe('+15551234567');
    expect(view.from?.phoneNumber).toBe('+15551234567');
  });

  it("answers AICA's status beside processingStatus, and dates a record without a call date by its arrival", () => {
    const view = presentRecord(record, ctx('viewer'), { tags: [], hasNotes: false });
    expect(view.status).toBe('pending');
    expect(view.processingStatus).toBe('pending');
    expect(view.date).toBe('2026-03-05T10:15:00.000Z');
  });
});
