/**
 * The series a gates view draws for one window of an LSTM or GRU, in the order
 * Executor.recurrentStates returns them: the gates (tfjs kernel order), then the states.
 */
export type RecurrentCell = 'lstm' | 'gru';

export const RECURRENT_SERIES: Record<RecurrentCell, readonly string[]> = {
  lstm: ['input gate', 'forget gate', 'candidate', 'output gate', 'cell state', 'hidden state'],
  gru: ['update gate', 'reset gate', 'candidate', 'hidden state'],
};

/** Gates of each cell kind (activations in [0, 1], or tanh for the candidate), the rest are states. */
export const GATE_COUNT: Record<RecurrentCell, number> = { lstm: 4, gru: 3 };
