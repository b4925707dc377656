import type { NextBarForecast, SavedModelView } from '../../state/modelsState';
import { pct } from '../format';
import { useModelActions, useModelsState } from './context';

function ForecastText({ forecast }: { forecast: NextBarForecast }) {
  const when = `for the bar of ${forecast.forTime.replace('T', ' ').replace(':00.000Z', ' UTC')} (data to ${forecast.asOf.slice(0, 10)})`;
  if (forecast.objective === 'direction') {
    return (
      <>
        P(up) <strong data-testid="forecast-value">{forecast.value.toFixed(6)}</strong> {when}
      </>
    );
  }
  return (
    <>
      log return <strong data-testid="forecast-value">{forecast.value.toFixed(6)}</strong> ({pct(Math.expm1(forecast.value), 3)})
      {forecast.band ? ` band ${forecast.band.lower.toFixed(5)} … ${forecast.band.upper.toFixed(5)}` : ''}
      {forecast.impliedClose !== undefined ? `, close ≈ ${forecast.impliedClose.toFixed(2)}` : ''} {when}
      {forecast.path ? (
        <span data-testid="forecast-path">
          ; the next {forecast.path.length} bars: {forecast.path.map((r) => r.toFixed(5)).join(', ')}
        </span>
      ) : null}
    </>
  );
}

export function SavedModelRow({ model }: { model: SavedModelView }) {
  const actions = useModelActions();
  const busy = useModelsState((s) => s.busy);
  const forecast = useModelsState((s) => s.forecasts[model.id]);
  const predicting = busy?.kind === 'predicting' && busy.id === model.id;
  return (
    <>
      <tr data-testid="model-row" data-model-id={model.id}>
        <td data-testid="model-name">
          {model.name}
          <div className="muted">
            {model.modelType}, {model.objective}; trained {model.trainedFrom} … {model.trainedTo}
          </div>
        </td>
        <td>{model.notebookTitle}</td>
        <td>{new Date(model.createdAt).toISOString().replace('T', ' ').slice(0, 16)}</td>
        <td>
          {model.backend}
          {model.engine ? <div className="muted">{model.engine}</div> : null}
        </td>
        <td title={model.dataHash}>{model.dataHash.slice(0, 10)}</td>
        <td>
          <button data-testid="model-predict" disabled={busy !== null} onClick={() => void actions.predict(model.id)}>
            {predicting ? 'Forecasting…' : 'Predict next bar'}
          </button>{' '}
          {model.modelType === 'lstm' || model.modelType === 'gru' ? (
            <>
              <button data-testid="model-gates" disabled={busy !== null} onClick={() => void actions.showGates(model.id, null)}>
                {busy?.kind === 'gates' && busy.id === model.id ? 'Drawing…' : 'Gates'}
              </button>{' '}
            </>
          ) : null}
          <button data-testid="model-export" disabled={busy !== null} onClick={() => void actions.exportModel(model.id)}>
            Export
          </button>{' '}
          <button data-testid="model-delete" disabled={busy !== null} onClick={() => void actions.remove(model.id)}>
            Delete
          </button>
        </td>
      </tr>
      {forecast ? (
        <tr>
          <td colSpan={6} data-testid="model-forecast">
            <ForecastText forecast={forecast} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
