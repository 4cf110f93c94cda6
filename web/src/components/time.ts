// Instants from the API (ISO, UTC) shown in Asia/Shanghai whatever the browser's zone; calendar
// dates ('2026-06-30') are business dates already and are shown as they come.
const instantFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** '2026-06-01T01:00:00.000Z' → '2026-06-01 09:00' (Beijing time). */
export function shanghaiTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = Object.fromEntries(instantFormat.formatToParts(d).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}
