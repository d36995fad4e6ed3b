// Child process of determinism.test.ts: builds the explainer from the committed
// narrative and datasets and prints, as JSON, the page and the clock and zone
// the build saw (so the test can prove its fake "today" and TZ took effect).
import { createHash } from 'node:crypto';
import { buildExplainer } from '../../src/project/report.ts';
import { PATHS, storyConfig } from '../story.ts';

const { html } = await buildExplainer(await storyConfig(), PATHS.derived);
process.stdout.write(
  JSON.stringify({
    sha256: createHash('sha256').update(html).digest('hex'),
    html,
    today: new Date().toISOString(),
    localDay: new Date().toDateString(),
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    locale: Intl.DateTimeFormat().resolvedOptions().locale,
  }),
);
