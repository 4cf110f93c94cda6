/** One collator for every Chinese sort: localeCompare(x, 'zh-Hans-CN') builds one per call (milliseconds each at 6,000 names). */
export const zh = new Intl.Collator('zh-Hans-CN').compare;
