/** Length is what makes a password strong; the upper bound keeps one hash from being a CPU sink. */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;
