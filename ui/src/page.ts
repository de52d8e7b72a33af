import { useEffect, useRef } from "react";

/** Sets the tab title and moves focus to the page heading, so keyboard and screen reader users land on the new page. */
export function usePage(title: string) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Locking`;
    heading.current?.focus({ preventScroll: true });
  }, [title]);
  return heading;
}
