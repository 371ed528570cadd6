// ITIL's priority matrix: impact (how much of the business is hurt) × urgency (how soon it hurts).
import { z } from 'zod';

export const LEVELS = ['high', 'medium', 'low'] as const;
export type Level = (typeof LEVELS)[number];
export const LevelSchema = z.enum(LEVELS);

export const PRIORITIES = ['P1', 'P2', 'P3', 'P4', 'P5'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PrioritySchema = z.enum(PRIORITIES);

// Rows: impact; columns: urgency (high, medium, low).
const MATRIX: Readonly<Record<Level, Readonly<Record<Level, Priority>>>> = {
  high: { high: 'P1', medium: 'P2', low: 'P3' },
  medium: { high: 'P2', medium: 'P3', low: 'P4' },
  low: { high: 'P3', medium: 'P4', low: 'P5' },
};

export function priorityFor(impact: Level, urgency: Level): Priority {
  return MATRIX[impact][urgency];
}

/** P1 sorts first. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}
