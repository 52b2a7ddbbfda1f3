package org.bonlab.cli;

/** Input the command line rejects: the message names the parameter, the value and the rule. Exit code 2. */
final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadInputException(String message) {
        super(message);
    }

    BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
