import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table's own sideways scroller, so a wide table never makes the page scroll at phone width. While
 * its table is wider than the box, the box is a named, focusable group, so keyboard users can scroll it.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  // Measured in the ResizeObserver's callbacks (its first comes after the first layout), never in
  // a layout effect: reading scrollWidth there forces a layout inside React's commit.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div ref={ref} className="table-scroll" {...(overflows ? { tabIndex: 0, role: 'group', 'aria-label': `${label} (scrolls sideways)` } : {})}>
      {children}
    </div>
  );
}
