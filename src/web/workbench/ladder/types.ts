// The ladder's API shapes as the web reads them (src/modules/ladder/ladder.schemas.ts).
export type Summons = {
  id: string;
  partyId: string;
  partyName: string;
  orderId: string;
  orderState: string;
  reportedInAt: string | null;
  onTime: boolean | null;
  canReportIn: boolean;
};

export type Whistle = {
  id: string;
  blownAt: string;
  blownByName: string | null;
  arriveBy: string;
  note: string | null;
  summons: Summons[];
};

export type LadderView = {
  level: string;
  deadlineAt: string | null;
  deadlineProvisional: boolean;
  deadlineRule: { amount: number; unit: string } | null;
  next: { level: string; handlerName: string | null } | null;
  canEscalate: boolean;
  canWhistle: boolean;
  whistles: Whistle[];
};
