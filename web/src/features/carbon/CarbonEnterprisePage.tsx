/** /carbon/:code — one enterprise's carbon file. */
import { CarbonFile } from './CarbonFile';

export default function CarbonEnterprisePage({ params }: { params: Record<string, string> }) {
  return <CarbonFile code={params.code ?? ''} />;
}
