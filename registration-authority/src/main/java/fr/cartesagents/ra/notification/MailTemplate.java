package fr.cartesagents.ra.notification;

/** The templates under {@code classpath:mail/}: the first line of each is the subject, the rest the body. */
public enum MailTemplate {
    ORDER_CREATED("order-created"),
    CARD_READY_FOR_HAND_OVER("card-ready-for-hand-over"),
    UNBLOCK_CODE("unblock-code"),
    REVOCATION_CONFIRMED("revocation-confirmed"),
    REVOCATION_DECLARED("revocation-declared"),
    REVOCATION_LINK("revocation-link"),
    EXPIRY_REMINDER("expiry-reminder");

    private final String fileName;

    MailTemplate(String fileName) {
        this.fileName = fileName;
    }

    /** The stored name (also the file name without {@code .mustache}). */
    public String fileName() {
        return fileName;
    }

    static MailTemplate ofFileName(String value) {
        for (MailTemplate template : values()) {
            if (template.fileName.equals(value)) {
                return template;
            }
        }
        throw new IllegalArgumentException("No mail template " + value);
    }
}
