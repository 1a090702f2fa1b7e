/**
 * One SMS, in Chinese, short enough for a single message (70 characters incl. the signature) where the
 * title allows: operators split longer texts and residents read the first part only.
 */
export function smsText(notice: { title: string; body?: string | null }): string {
  const signature = '【商量】';
  const room = 70 - signature.length;
  const text = notice.body ? `${notice.title}：${notice.body}` : notice.title;
  const chars = Array.from(text.replace(/\s+/g, ' ').trim());
  return signature + (chars.length > room ? `${chars.slice(0, room - 1).join('')}…` : chars.join(''));
}
