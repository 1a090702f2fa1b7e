import { z } from 'zod';
import { Phone } from '../auth/auth.schemas.ts';
import { PlaceId } from './places.schemas.ts';

/** Floor area in m² as text, at most two decimals: '89.5'. Never a float on the way in. */
export const AreaText = z
  .string()
  .trim()
  .regex(/^\d{1,5}(\.\d{1,2})?$/, { error: 'area_invalid' });

export const Room = z.string().trim().min(1, { error: 'required' }).max(20);

/** An owner: one already on record for this household (kept), a developer party, or a person by name. */
export const OwnerInput = z.union([
  z.object({ personId: PlaceId }),
  z.object({ partyId: PlaceId }),
  z.object({
    name: z.string().trim().min(1, { error: 'required' }).max(50),
    phone: Phone.nullish(),
  }),
]);
export type OwnerInput = z.infer<typeof OwnerInput>;

export const CreateHousehold = z.object({
  /** An entrance 单元, or a building without entrances. */
  parentId: PlaceId,
  room: Room,
  area: AreaText,
  owners: z.array(OwnerInput).max(10).default([]),
});
export type CreateHousehold = z.infer<typeof CreateHousehold>;

export const UpdateHousehold = z.object({
  room: Room.optional(),
  area: AreaText.optional(),
  /** The full list of owners after the change. */
  owners: z.array(OwnerInput).max(10).optional(),
});
export type UpdateHousehold = z.infer<typeof UpdateHousehold>;

const boolText = z.enum(['true', 'false']).transform((v) => v === 'true');

export const HouseholdQuery = z.object({
  building: PlaceId.optional(),
  entrance: PlaceId.optional(),
  room: z.string().trim().max(20).optional(),
  hasOwner: boolText.optional(),
  sort: z.enum(['building', 'room', 'area']).default('building'),
  order: z.enum(['asc', 'desc']).default('asc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type HouseholdQuery = z.infer<typeof HouseholdQuery>;

export const OwnerView = z.object({
  personId: z.string().nullable(),
  partyId: z.string().nullable(),
  /** Masked (王**) unless the viewer may see contacts here; a developer's name is never masked. */
  name: z.string().nullable(),
  phone: z.string().nullable(),
  masked: z.boolean(),
});

export const HouseholdView = z.object({
  id: z.string(),
  room: z.string(),
  /** m² with two decimals, e.g. '89.50' */
  area: z.string(),
  /** Lets a resident link their account: shown only to those who print notices or confirm links. */
  householdCode: z.string().nullable(),
  buildingId: z.string(),
  buildingName: z.string(),
  entranceId: z.string().nullable(),
  entranceName: z.string().nullable(),
  owners: z.array(OwnerView),
});
export type HouseholdView = z.infer<typeof HouseholdView>;

export const HouseholdPage = z.object({
  items: z.array(HouseholdView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type HouseholdPage = z.infer<typeof HouseholdPage>;
