import { type Bilingual, format, type Language } from './i18n.ts';

// The closed catalogue of errors the API can return. Each becomes an RFC 9457 problem+json reply.
export const errorCatalogue = {
  validation_failed: {
    status: 400,
    title: { 'zh-CN': '提交的内容有误，请检查标出的字段', en: 'Some fields need attention' },
  },
  malformed_body: {
    status: 400,
    title: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  },
  unsupported_media_type: {
    status: 415,
    title: { 'zh-CN': '不支持的内容类型', en: 'Unsupported content type' },
  },
  body_too_large: {
    status: 413,
    title: { 'zh-CN': '提交的内容过大', en: 'The request is too large' },
  },
  unauthenticated: {
    status: 401,
    title: { 'zh-CN': '请先登录', en: 'Please sign in first' },
  },
  forbidden: {
    status: 403,
    title: { 'zh-CN': '您没有权限进行此操作', en: 'You are not allowed to do this' },
  },
  csrf_failed: {
    status: 403,
    title: { 'zh-CN': '页面已过期，请刷新后重试', en: 'The page has expired; reload and try again' },
  },
  not_found: {
    status: 404,
    title: { 'zh-CN': '找不到您要的内容', en: 'Not found' },
  },
  route_not_found: {
    status: 404,
    title: { 'zh-CN': '没有这个接口：{method} {url}', en: 'No such endpoint: {method} {url}' },
  },
  invalid_state: {
    status: 409,
    title: {
      'zh-CN': '当前状态（{state}）下不能这样做',
      en: 'This cannot be done in the current state ({state})',
    },
  },
  conflict: {
    status: 409,
    title: { 'zh-CN': '与已有记录冲突', en: 'This conflicts with an existing record' },
  },
  idempotency_mismatch: {
    status: 422,
    title: {
      'zh-CN': '同一个 Idempotency-Key 已用于不同的内容',
      en: 'This Idempotency-Key was already used with a different request',
    },
  },
  export_expired: {
    status: 410,
    title: {
      'zh-CN': '下载链接已过期（导出完成 {minutes} 分钟后失效），请重新导出',
      en: 'This download link has expired ({minutes} minutes after the export finished); export again',
    },
  },
  export_out_of_memory: {
    status: 503,
    title: {
      'zh-CN': '导出内容太多，超出了服务器为导出留出的内存；请缩小范围（如按月份或社区）后再导出',
      en: 'The export needed more memory than the server sets aside for exports; narrow it (a month, a community) and export again',
    },
  },
  rate_limited: {
    status: 429,
    title: { 'zh-CN': '操作太频繁，请稍后再试', en: 'Too many requests; please try again later' },
  },
  overloaded: {
    status: 503,
    title: { 'zh-CN': '系统繁忙，请稍后再试', en: 'The server is busy; please try again shortly' },
  },
  unavailable: {
    status: 503,
    title: { 'zh-CN': '服务暂不可用', en: 'The service is unavailable' },
  },
  storage_full: {
    status: 503,
    title: {
      'zh-CN': '存储空间已满，刚才提交的内容没有保存，请稍后再试',
      en: 'Storage is full; what you just sent was not saved. Please try again later',
    },
  },
  internal: {
    status: 500,
    title: { 'zh-CN': '系统出错了，我们已记录，请稍后再试', en: 'Something went wrong; it has been logged' },
  },
} as const satisfies Record<string, { status: number; title: Bilingual }>;

export type ErrorCode = keyof typeof errorCatalogue;

/** A message about one field, by key into fieldMessages, or given in both languages. */
export type FieldError = {
  field: string;
  message: FieldMessageKey | Bilingual;
  params?: Record<string, string | number>;
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly params: Record<string, string | number>;
  readonly fields: FieldError[];
  /** Extra members of the problem document, e.g. the current state on a 409. */
  readonly extra: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    options: {
      params?: Record<string, string | number>;
      fields?: FieldError[];
      extra?: Record<string, unknown>;
    } = {},
  ) {
    super(code);
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.params = options.params ?? {};
    this.fields = options.fields ?? [];
    this.extra = options.extra ?? {};
  }
}

export function fieldError(
  field: string,
  message: FieldMessageKey,
  params?: Record<string, string | number>,
) {
  return new AppError('validation_failed', { fields: [{ field, message, params }] });
}

// Messages a schema or a service can name for a field, e.g. z.string().regex(re, { error: 'phone_invalid' }).
export const fieldMessages = {
  required: { 'zh-CN': '此项必填', en: 'This field is required' },
  phone_invalid: { 'zh-CN': '请输入 11 位手机号', en: 'Enter an 11-digit mobile number' },
  password_too_short: { 'zh-CN': '密码至少 8 位', en: 'The password needs at least 8 characters' },
  credentials_wrong: { 'zh-CN': '手机号或密码不正确', en: 'Phone number or password is wrong' },
  code_wrong: { 'zh-CN': '验证码不正确或已过期', en: 'The code is wrong or has expired' },
  already_taken: { 'zh-CN': '已被使用', en: 'Already in use' },
  not_found: { 'zh-CN': '找不到所选项', en: 'The chosen item does not exist' },
  nul_character: {
    'zh-CN': '含有无法保存的控制字符',
    en: 'Contains a control character that cannot be stored',
  },
  area_invalid: {
    'zh-CN': '面积须为正数，最多两位小数',
    en: 'Area must be a positive number with at most two decimals',
  },
} as const satisfies Record<string, Bilingual>;

export type FieldMessageKey = keyof typeof fieldMessages;

export function isFieldMessageKey(key: string): key is FieldMessageKey {
  return Object.hasOwn(fieldMessages, key);
}

export function translateField(error: FieldError, language: Language): string {
  const text =
    typeof error.message === 'string' ? fieldMessages[error.message][language] : error.message[language];
  return format(text, error.params);
}

export function problemTitle(
  code: ErrorCode,
  language: Language,
  params: Record<string, string | number> = {},
) {
  return format(errorCatalogue[code].title[language], params);
}
