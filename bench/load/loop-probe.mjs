// Preloaded into the server under test (`node --import ./loop-probe.mjs bin/deskbell.js …`),
// so the benchmark measures the real server's event-loop delay without a hook in the product.
// SIGUSR2: print the delay since the last signal as one JSON line on stderr, then reset.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const histogram = monitorEventLoopDelay({ resolution: 10 });
histogram.enable();
process.on('SIGUSR2', () => {
  const ms = (ns) => Math.round((ns / 1e6) * 10) / 10;
  const report = { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), mean: ms(histogram.mean) };
  process.stderr.write(`LOOP ${JSON.stringify(report)}\n`);
  histogram.reset();
});
