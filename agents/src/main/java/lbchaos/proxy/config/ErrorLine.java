package lbchaos.proxy.config;

/**
 * A proxy's line that sets its error answers, kept in order until the whole file is read: an
 * errorfile or errorloc line ({@link ErrorFile}), or an errorfiles line ({@link HttpErrors.Use})
 * naming an http-errors section that may come later.
 */
sealed interface ErrorLine permits ErrorFile, HttpErrors.Use {}
