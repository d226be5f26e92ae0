package lbchaos.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import lbchaos.harness.history.HistoryJson.HistoryFormatException;
import lbchaos.harness.judge.Evidence;
import lbchaos.harness.judge.EvidenceJson;
import lbchaos.harness.judge.Judge;
import lbchaos.harness.judge.VerdictLines;
import lbchaos.verdict.Outcome;
import lbchaos.verdict.Verdict;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Judges saved histories again, offline: the same checks over the same events give the same
 * verdict lines, byte for byte, as the run that wrote them. No Docker engine is needed.
 */
@Command(name = "check", description = "Judge saved history-*.json files (or report folders)"
    + " again, offline, and print their verdicts.")
final class CheckCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "DIR|FILE")
  List<Path> inputs;

  @Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    java.io.PrintWriter out = spec.commandLine().getOut();
    List<Outcome> outcomes = new ArrayList<>();
    for (Path file : histories(inputs)) {
      Evidence e = evidence(file);
      List<Verdict> verdicts = Judge.judge(e);
      Outcome o = verdicts.isEmpty() ? Outcome.UNKNOWN
          : Outcome.of(verdicts.stream().map(Verdict::outcome).toList());
      outcomes.add(o);
      out.printf("%n  %s %s (%s, %s)%n", o, e.scenario(), e.stack(), file);
      out.print(VerdictLines.of(verdicts));
    }
    out.flush();
    return Cli.exitCode(Outcome.of(outcomes));
  }

  /** A saved history file; one that cannot be read is bad input. */
  static Evidence evidence(Path file) {
    try {
      return EvidenceJson.read(file);
    } catch (IOException | HistoryFormatException ex) {
      throw new Cli.BadInput(ex.getMessage());
    }
  }

  /** The files named, and every history-*.json in the folders named (sorted, recursively). */
  static List<Path> histories(List<Path> inputs) {
    List<Path> out = new ArrayList<>();
    for (Path p : inputs) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.walk(p)) {
          s.filter(f -> f.getFileName().toString().matches("history-.*\\.json")).sorted()
              .forEach(out::add);
        } catch (IOException ex) {
          throw new Cli.BadInput("cannot read " + p + ": " + ex.getMessage());
        }
      } else if (Files.isRegularFile(p)) {
        out.add(p);
      } else {
        throw new Cli.BadInput(p + ": no such file or folder");
      }
    }
    if (out.isEmpty()) {
      throw new Cli.BadInput("no history-*.json under " + inputs);
    }
    return out;
  }
}
