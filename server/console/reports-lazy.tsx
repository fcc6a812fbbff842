// The reports view, loaded when first opened: uPlot and the dashboard are a separate chunk,
// so agents who only answer shoppers do not download them.
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useI18n } from './i18n/index.js';
import type { ReportsView } from './reports-view.js';

type Props = Parameters<typeof ReportsView>[0];

export function LazyReportsView(props: Props): JSX.Element {
  const { t } = useI18n();
  const [View, setView] = useState<typeof ReportsView | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    import('./reports-view.js').then((m) => setView(() => m.ReportsView), () => setFailed(true));
  }, []);
  if (View) return <View {...props} />;
  return (
    <main class="faq-manager reports" id="reports">
      <p role="status">{failed ? t('serverUnreachable') : t('repLoading')}</p>
    </main>
  );
}
