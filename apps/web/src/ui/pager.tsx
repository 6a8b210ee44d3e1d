import type { ComponentChildren } from 'preact';

interface PagerProps {
  /** The page shown (1-based). */
  page: number;
  /** Whether a next page exists (from the list's total or its hasMore). */
  hasNext: boolean;
  onPage: (page: number) => void;
  /** What comes before the buttons: the page number, the total… */
  children?: ComponentChildren;
}

/** The lists' pager: "Trang trước / Trang sau" after the page's summary, the same on every page of the console. */
export function Pager({ page, hasNext, onPage, children }: PagerProps) {
  return (
    <p>
      {children}{' '}
      <button type="button" class="secondary" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Trang trước
      </button>{' '}
      <button type="button" class="secondary" disabled={!hasNext} onClick={() => onPage(page + 1)}>
        Trang sau
      </button>
    </p>
  );
}

/** The number of pages of a list with a total (at least 1). */
export function pageCount(list: { total: number; pageSize: number }): number {
  return Math.max(1, Math.ceil(list.total / list.pageSize));
}
