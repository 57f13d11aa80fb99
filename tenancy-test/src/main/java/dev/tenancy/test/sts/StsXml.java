package dev.tenancy.test.sts;

import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Writes STS Query API responses in the XML shape AWS sends and the AWS SDK's query-protocol parser reads.
 *
 * @author tenancy
 * @since 0.1
 */
final class StsXml {

	static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

	static final String CONTENT_TYPE = "text/xml";

	private StsXml() {
	}

	static String assumeRole(IssuedSession session, @Nullable Integer packedPolicySize, String requestId) {
		StringBuilder xml = new StringBuilder(1024);
		xml.append("<AssumeRoleResponse xmlns=\"").append(NAMESPACE).append("\">\n")
			.append("  <AssumeRoleResult>\n")
			.append("    <Credentials>\n");
		element(xml, "      ", "AccessKeyId", session.accessKeyId());
		element(xml, "      ", "SecretAccessKey", session.secretAccessKey());
		element(xml, "      ", "SessionToken", String.valueOf(session.sessionToken()));
		element(xml, "      ", "Expiration", DateTimeFormatter.ISO_INSTANT.format(session.expiration()));
		xml.append("    </Credentials>\n")
			.append("    <AssumedRoleUser>\n");
		element(xml, "      ", "AssumedRoleId", session.userId());
		element(xml, "      ", "Arn", session.principalArn());
		xml.append("    </AssumedRoleUser>\n");
		if (packedPolicySize != null) {
			element(xml, "    ", "PackedPolicySize", packedPolicySize.toString());
		}
		xml.append("  </AssumeRoleResult>\n");
		responseMetadata(xml, requestId);
		return xml.append("</AssumeRoleResponse>\n").toString();
	}

	static String callerIdentity(IssuedSession caller, String requestId) {
		StringBuilder xml = new StringBuilder(512);
		xml.append("<GetCallerIdentityResponse xmlns=\"").append(NAMESPACE).append("\">\n")
			.append("  <GetCallerIdentityResult>\n");
		element(xml, "    ", "Arn", caller.principalArn());
		element(xml, "    ", "UserId", caller.userId());
		element(xml, "    ", "Account", caller.account());
		xml.append("  </GetCallerIdentityResult>\n");
		responseMetadata(xml, requestId);
		return xml.append("</GetCallerIdentityResponse>\n").toString();
	}

	static String error(StsError error, String requestId) {
		StringBuilder xml = new StringBuilder(512);
		xml.append("<ErrorResponse xmlns=\"").append(NAMESPACE).append("\">\n")
			.append("  <Error>\n");
		element(xml, "    ", "Type", error.type());
		element(xml, "    ", "Code", error.code());
		element(xml, "    ", "Message", String.valueOf(error.getMessage()));
		xml.append("  </Error>\n");
		element(xml, "  ", "RequestId", requestId);
		return xml.append("</ErrorResponse>\n").toString();
	}

	static String malformed(String requestId) {
		return "<AssumeRoleResponse xmlns=\"" + NAMESPACE + "\">\n  <AssumeRoleResult>\n    <Credentials>\n"
				+ "      <AccessKeyId>ASIA" + requestId + "</Acc";
	}

	private static void responseMetadata(StringBuilder xml, String requestId) {
		xml.append("  <ResponseMetadata>\n");
		element(xml, "    ", "RequestId", requestId);
		xml.append("  </ResponseMetadata>\n");
	}

	private static void element(StringBuilder xml, String indent, String name, String value) {
		xml.append(indent).append('<').append(name).append('>');
		escape(xml, value);
		xml.append("</").append(name).append(">\n");
	}

	private static void escape(StringBuilder xml, String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '<' -> xml.append("&lt;");
				case '>' -> xml.append("&gt;");
				case '&' -> xml.append("&amp;");
				case '"' -> xml.append("&quot;");
				case '\'' -> xml.append("&apos;");
				default -> xml.append(c);
			}
		}
	}

}
