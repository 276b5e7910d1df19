package org.saliency4j.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help text fits picocli's 80 columns as written, so that nothing is re-wrapped mid-word. */
class HelpTest {
    @Test
    void everyFooterLineFitsTheHelpWidth() {
        CommandLine root = new CommandLine(new Main());
        check(root);
        root.getSubcommands().values().forEach(HelpTest::check);
    }

    private static void check(CommandLine command) {
        int width = command.getCommandSpec().usageMessage().width();
        for (String line : command.getCommandSpec().usageMessage().footer()) {
            assertTrue(
                    line.length() < width,
                    command.getCommandName() + ": footer line of " + line.length() + " columns: " + line);
        }
    }
}
