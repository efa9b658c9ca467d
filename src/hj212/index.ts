/** HJ 212 protocol codec (HJ/T 212-2005, HJ 212-2017, HJ 212-2025): the public face. Pure, no I/O. */
export * from './codes.js';
export * from './crc.js';
export * from './deframer.js';
export * from './encode.js';
export * from './errors.js';
export * from './leniency.js';
export * from './packet.js';
export * from './parse.js';
export * from './time.js';
