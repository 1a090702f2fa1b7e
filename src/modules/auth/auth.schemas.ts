import { z } from 'zod';
import { roles } from '../access/roles.ts';

export const Phone = z
  .string()
  .trim()
  .regex(/^1[3-9]\d{9}$/, { error: 'phone_invalid' });
export const Password = z.string().min(8, { error: 'password_too_short' }).max(200);
export const SmsCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, { error: 'code_wrong' });

export const PasswordSignIn = z.object({
  phone: Phone,
  password: z.string().min(1, { error: 'required' }).max(200),
});
export const SmsCodeRequest = z.object({ phone: Phone });
export const SmsSignIn = z.object({ phone: Phone, code: SmsCode });
export const PasswordChange = z.object({
  current: z.string().min(1, { error: 'required' }).max(200),
  next: Password,
});

export const SessionGrant = z.object({
  role: z.enum(roles),
  placeId: z.string().nullable(),
  placeName: z.string().nullable(),
  gridId: z.string().nullable(),
  gridName: z.string().nullable(),
  partyId: z.string().nullable(),
  sector: z.string().nullable(),
});

export const SessionView = z.object({
  user: z.object({
    id: z.string(),
    name: z.string().nullable(),
    phone: z.string().nullable(),
    kind: z.enum(['staff', 'resident']),
    grants: z.array(SessionGrant),
    householdIds: z.array(z.string()),
  }),
  csrfToken: z.string(),
});
export type SessionView = z.infer<typeof SessionView>;
