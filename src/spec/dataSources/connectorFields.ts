/** The fields every connector source shares: a symbol, an interval and a UTC date range. */
import { z } from 'zod';
import '../meta';

const isoDateOrTime = z.union([z.iso.date(), z.iso.datetime()]);

export const connectorFields = {
  symbol: z.string().min(1).max(40).meta({ description: "The connector's own symbol (BTCUSDT, BTC-USD, XBTUSD, btc, hash-rate)." }),
  interval: z
    .string()
    .regex(/^\d+[mhdwM]$/, 'expected an interval like 1m, 5m, 1h, 4h, 1d, 1w or 1M')
    .meta({ description: 'Bar interval, one the connector serves (1m, 5m, 1h, 4h, 1d, 1w, 1M).' }),
  start: isoDateOrTime.meta({ description: 'First bar, inclusive (ISO date or date-time, UTC).' }),
  end: isoDateOrTime.meta({ description: 'End of the range, exclusive (ISO date or date-time, UTC).' }),
  metrics: z.array(z.string().min(1).max(60)).min(1).max(20).optional().meta({ description: 'On-chain metrics to fetch (Coin Metrics), e.g. AdrActCnt.' }),
};
