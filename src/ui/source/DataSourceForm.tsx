import { useState } from 'react';
import { CONNECTOR_INFO, type ConnectorSourceSpec, type DataSourceSpec } from '../../state/labState';
import { useLabActions, useLabState } from '../LabContext';

const PRICE = CONNECTOR_INFO.filter((c) => c.kind === 'ohlcv');
const ONCHAIN = CONNECTOR_INFO.filter((c) => c.kind === 'onchain');
const DEFAULT_ONCHAIN_SYMBOL: Record<string, string> = { coinmetrics: 'btc', 'blockchain-com': 'hash-rate', mempool: 'btc' };

type PriceId = 'demo' | ConnectorSourceSpec['type'];

/** Picks where the open notebook's data comes from; the choice becomes a new notebook of the user's. */
export function DataSourceForm({ onDone }: { onDone: () => void }) {
  const actions = useLabActions();
  const running = useLabState((s) => s.status === 'running');
  const [price, setPrice] = useState<PriceId>('binance');
  const info = PRICE.find((c) => c.id === price);
  const [symbol, setSymbol] = useState('BTCUSDT');
  const [interval, setInterval] = useState('1d');
  const [start, setStart] = useState('2021-06-01');
  const [end, setEnd] = useState('2024-06-01');
  const [onchain, setOnchain] = useState<'' | ConnectorSourceSpec['type']>('');
  const [onchainSymbol, setOnchainSymbol] = useState('btc');
  const [metric, setMetric] = useState('AdrActCnt');
  const onchainInfo = ONCHAIN.find((c) => c.id === onchain);

  const submit = () => {
    const source: DataSourceSpec = price === 'demo' ? { type: 'demo', seed: 7, bars: 1100 } : { type: price, symbol, interval, start, end };
    const chain: ConnectorSourceSpec | null = onchain
      ? { type: onchain, symbol: onchainSymbol, interval: '1d', start, end, ...(onchain === 'coinmetrics' ? { metrics: [metric] } : {}) }
      : null;
    void actions.changeDataSource(source, chain).then(onDone);
  };

  return (
    <form className="source-form" data-testid="source-form" onSubmit={(e) => (e.preventDefault(), submit())}>
      <label>
        Prices{' '}
        <select
          data-testid="source-type"
          value={price}
          onChange={(e) => {
            const id = e.target.value as PriceId;
            setPrice(id);
            setSymbol(PRICE.find((c) => c.id === id)?.symbolExample ?? '');
          }}
        >
          <option value="demo">synthetic demo</option>
          {PRICE.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {info ? (
        <>
          <label>
            Symbol <input data-testid="source-symbol" value={symbol} placeholder={info.symbolExample} onChange={(e) => setSymbol(e.target.value)} />
          </label>
          <label>
            Interval{' '}
            <select data-testid="source-interval" value={interval} onChange={(e) => setInterval(e.target.value)}>
              {info.intervals.map((i) => (
                <option key={i}>{i}</option>
              ))}
            </select>
          </label>
          <label>
            From <input data-testid="source-start" type="date" value={start} onChange={(e) => setStart(e.target.value)} />
          </label>
          <label>
            To <input data-testid="source-end" type="date" value={end} onChange={(e) => setEnd(e.target.value)} />
          </label>
          {info.note ? <p className="muted">{info.note}</p> : null}
        </>
      ) : null}
      <label>
        On-chain{' '}
        <select
          data-testid="onchain-type"
          value={onchain}
          onChange={(e) => {
            const id = e.target.value as '' | ConnectorSourceSpec['type'];
            setOnchain(id);
            setOnchainSymbol(DEFAULT_ONCHAIN_SYMBOL[id] ?? '');
          }}
        >
          <option value="">none</option>
          {ONCHAIN.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </label>
      {onchainInfo ? (
        <>
          <label>
            {onchain === 'blockchain-com' ? 'Chart' : 'Asset'}{' '}
            <input data-testid="onchain-symbol" value={onchainSymbol} placeholder={onchainInfo.symbolExample} onChange={(e) => setOnchainSymbol(e.target.value)} />
          </label>
          {onchain === 'coinmetrics' ? (
            <label>
              Metric <input data-testid="onchain-metric" value={metric} onChange={(e) => setMetric(e.target.value)} />
            </label>
          ) : null}
          {onchainInfo.note ? <p className="muted">{onchainInfo.note}</p> : null}
          <p className="muted">Day D&apos;s value is used from the next bar on (published after the day closes); at most 3 missing days are forward-filled.</p>
        </>
      ) : null}
      <button type="submit" data-testid="source-apply" disabled={running}>
        Create notebook with this data
      </button>
    </form>
  );
}
