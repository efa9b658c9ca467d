/** The HJ 212 packet log, newest first, paged by cursor. */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { cursorFor, Pager } from '../../components/Pager';
import { QueryView } from '../../components/QueryView';
import { formatChinaTime } from '../../lib/format';
import { usePacketsQuery } from '../sources/queries';

export function PacketLog({ mn, pageSize = 50 }: { mn?: string; pageSize?: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const packets = usePacketsQuery({ mn, cursor: cursorFor(cursors, page), limit: pageSize });
  const next = packets.data?.nextCursor ?? null;
  return (
    <QueryView state={packets} isEmpty={(d) => d.items.length === 0}>
      {(d) => (
        <>
          <DataTable
            rows={d.items}
            rowKey={(p) => p.id}
            columns={[
              { key: 'at', header: t('air.time'), cell: (p) => formatChinaTime(p.receivedAt) },
              { key: 'mn', header: 'MN', cell: (p) => p.mn ?? '—' },
              { key: 'cn', header: t('names.packets.cn'), cell: (p) => p.cn ?? '—' },
              {
                key: 'o',
                header: t('sources.outcome'),
                cell: (p) => (
                  <span
                    className={`pill ${p.outcome === 'accepted' ? 'pill-good' : p.outcome === 'duplicate' ? 'pill-warn' : 'pill-bad'}`}
                  >
                    {p.outcome}
                  </span>
                ),
              },
              { key: 'r', header: t('sources.reason'), cell: (p) => p.code ?? p.reason ?? '' },
              {
                key: 'raw',
                header: t('names.packets.raw'),
                cell: (p) => <code className="small">{p.raw.slice(0, 90)}…</code>,
              },
            ]}
          />
          <Pager
            page={page}
            hasNext={next !== null}
            onPage={(n) => {
              if (n > page && next !== null) setCursors((c) => [...c.slice(0, page), next]);
              setPage(n);
            }}
          />
        </>
      )}
    </QueryView>
  );
}
