package lbchaos.event;

/** A notify script (notify_master/backup/fault) was run with this state argument. */
public record NotifyRun(long at, String source, String instance, String state, String script)
    implements Event {}
