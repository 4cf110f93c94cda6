// A horizontally scrolling box for wide tables on phones. It takes keyboard focus and has a name,
// so a table without links or buttons can still be scrolled from the keyboard (axe:
// scrollable-region-focusable).
import type { ReactNode } from 'react';

export function ScrollArea({ label, children }: { label: string; children: ReactNode }) {
  return <div className="table-scroll" tabIndex={0} role="region" aria-label={label}>{children}</div>;
}
