import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A table's own sideways scroller, so a wide table never makes the page scroll at phone width. While
 * its table is wider than the box, the box is a named, focusable group, so keyboard users can scroll it.
 */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  // Measured from the ResizeObserver's own entries (the box's inner width, the table's outer one):
  // reading scrollWidth, in a layout effect or in this callback after another observer's render,
  // forces a layout (a sweep's trace showed 23 ms of one in this callback).
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let box = 0;
    let table = 0;
    const observer = new ResizeObserver((entries) => {
      for (const e of entries) {
        if (e.target === el) box = e.contentBoxSize[0]?.inlineSize ?? e.contentRect.width;
        else table = e.borderBoxSize[0]?.inlineSize ?? e.contentRect.width;
      }
      setOverflows(table > box + 1);
    });
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
