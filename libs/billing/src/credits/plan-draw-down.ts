export interface DrawableGrant {
  id: string;
  remainingCents: number;
  expiresAt: Date;
}

export interface CreditDraw {
  grantId: string;
  cents: number;
}

export interface DrawDownPlan {
  draws: CreditDraw[];
  creditCentsUsed: number;
}

/**
 * How a cost is paid from credit grants: the grant that expires first is spent first (so as little credit as
 * possible is lost to expiry), ties broken by id (oldest grant first); expired and empty grants are skipped.
 * Whatever the grants cannot cover is charged.
 */
export function planDrawDown(grants: DrawableGrant[], costCents: number, at: Date): DrawDownPlan {
  const usable = grants
    .filter((grant) => grant.remainingCents > 0 && grant.expiresAt.getTime() > at.getTime())
    .sort(
      (a, b) => a.expiresAt.getTime() - b.expiresAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const draws: CreditDraw[] = [];
  let left = Math.max(0, costCents);
  for (const grant of usable) {
    if (left === 0) break;
    const cents = Math.min(left, grant.remainingCents);
    draws.push({ grantId: grant.id, cents });
    left -= cents;
  }
  return { draws, creditCentsUsed: Math.max(0, costCents) - left };
}
