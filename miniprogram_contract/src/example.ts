/**
 * Compiled with the client in CI: calls written as the contract's README shows them, so a
 * change of the contract that breaks them fails `tsc --strict`.
 */

import { ApiError, createClient, type TokenPair, type TokenStore } from "./client";

const memory: { pair?: TokenPair } = {};
const tokens: TokenStore = {
  access: () => memory.pair?.access_token,
  refresh: () => memory.pair?.refresh_token,
  save: (pair) => {
    memory.pair = pair;
  },
  clear: () => {
    delete memory.pair;
  },
};

export async function bookTheFirstFreeSlot(): Promise<string | undefined> {
  const api = createClient({ baseUrl: "http://127.0.0.1:8000", tokens });
  const { slots } = await api.get("/api/v1/halls/{hall_code}/slots", {
    path: { hall_code: "CIVIC" },
    query: { category: "ID", date: "2026-12-01" },
  });
  const free = slots.find((slot) => slot.released && slot.remaining > 0);
  if (free === undefined) {
    return undefined;
  }
  try {
    const booked = await api.post("/api/v1/appointments", {
      body: { slot_id: free.slot_id },
      headers: { "Idempotency-Key": `book-${free.slot_id}` },
    });
    return booked.appointment_id;
  } catch (error) {
    if (error instanceof ApiError && error.code === "booking.slot_full") {
      return undefined;
    }
    throw error;
  }
}
