//! [`Same`]: a shared value whose equality is identity.
//!
//! Yew re-renders a component when its new props differ from the old. `Rc<T>` compares the
//! values it points to, so a prop holding the report or the scorecard walked the whole of both
//! (tens of thousands of ratings at committee scale) in every component on every change. The
//! report and the scorecard are never changed in place — a change makes new ones — so two
//! pointers to the same one mean the same, and different pointers mean changed.

use std::ops::Deref;
use std::rc::Rc;

/// An `Rc` whose `==` is `Rc::ptr_eq`: for the report and the scorecard handed to components.
#[derive(Debug)]
pub struct Same<T>(Rc<T>);

impl<T> Clone for Same<T> {
    fn clone(&self) -> Same<T> {
        Same(Rc::clone(&self.0))
    }
}

impl<T> Deref for Same<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Same<T>) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> Same<T> {
    /// The shared value itself, to hand on.
    pub fn rc(&self) -> Rc<T> {
        Rc::clone(&self.0)
    }
}

impl<T> From<Rc<T>> for Same<T> {
    fn from(rc: Rc<T>) -> Same<T> {
        Same(rc)
    }
}

impl<T> From<&Rc<T>> for Same<T> {
    fn from(rc: &Rc<T>) -> Same<T> {
        Same(Rc::clone(rc))
    }
}

impl<T> yew::html::IntoPropValue<Same<T>> for Rc<T> {
    fn into_prop_value(self) -> Same<T> {
        Same(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    // In headless Chromium (`cargo xtask wasm-test`) these run as wasm-bindgen tests.
    #[cfg(target_arch = "wasm32")]
    use wasm_bindgen_test::wasm_bindgen_test as test;

    #[test]
    fn equal_only_when_the_same_value() {
        let one = Rc::new(vec![1, 2, 3]);
        let twin = Rc::new(vec![1, 2, 3]);
        let a: Same<Vec<i32>> = Same::from(&one);
        assert!(a == a.clone());
        assert!(a == Same::from(Rc::clone(&one)));
        assert!(
            a != Same::from(twin),
            "an equal value elsewhere is another value"
        );
        assert_eq!(*a, vec![1, 2, 3]);
    }
}
