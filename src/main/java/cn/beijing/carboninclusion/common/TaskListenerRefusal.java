package cn.beijing.carboninclusion.common;

/**
 * Marks an exception a task listener throws to refuse a claim or completion. The engine wraps listener exceptions;
 * a command interceptor hands these back to the caller unwrapped, so Tasklist and the REST API show their message
 * with the right status (403 for an authorization refusal, 400 for bad input).
 */
public interface TaskListenerRefusal {}
